"""The citizen's rights under GDPR (art. 15-17): see `services` for what they do."""
