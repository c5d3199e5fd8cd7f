// EdgewisePolymarket
