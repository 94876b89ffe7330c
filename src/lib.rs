//! Lantern's widget.
