// EdgewiseVenueKit
