// EdgewiseRuntime
