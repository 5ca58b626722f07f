"""Web Push (issue 17): members' phones subscribed per device, their
notification settings, the queue filled after what concerns them happens, and
the ``solna-push`` job that drains it (VAPID-signed, aes128gcm-encrypted)."""
