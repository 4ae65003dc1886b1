"""What the site shows of a paper besides its text: scholarly metadata and the home listing."""
