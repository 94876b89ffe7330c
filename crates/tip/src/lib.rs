//! The tip a person sends: its wire format (`POST /v1/tips`) and the rules it
//! must meet. Both the widget and the intake service call these same rules;
//! the server is the authority.
