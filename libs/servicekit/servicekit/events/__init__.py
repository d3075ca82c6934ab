"""Events: the envelope, outbox relay, inbox, consumer and the brokers they run on."""
