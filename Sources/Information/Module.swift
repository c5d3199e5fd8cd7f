// EdgewiseInformation
