"""PutRight: complaints and customer-feedback case management for UK councils."""
