rmdir docs
