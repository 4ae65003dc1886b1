console.log("kaart");
