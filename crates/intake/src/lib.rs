//! Lantern's intake service as a library, so tests drive the router without a socket.
