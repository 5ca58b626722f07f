"""The intranet as an app on the phone (issue 17): the Web App Manifest and
its icons, the service worker with the Swedish offline page and the pocket
pages kept for offline use ("Tillgänglig offline"), and the iPhone hint."""
