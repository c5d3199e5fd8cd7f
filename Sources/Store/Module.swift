// EdgewiseStore
