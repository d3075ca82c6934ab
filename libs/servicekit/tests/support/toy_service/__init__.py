"""A tiny service used to test servicekit end to end: notes that can be created over HTTP (publishing
``note.created``) and that count ``note.liked`` events delivered to them."""
