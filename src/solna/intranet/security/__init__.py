"""Security that is no one capability's: who may grant rights, what a
guessed address reveals, CSRF on REST, what the server fetches, response
headers and uploads. See the README's "Security" section."""
