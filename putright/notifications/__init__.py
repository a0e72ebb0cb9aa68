"""Outgoing messages: the transactional outbox, its delivery worker and the senders."""
