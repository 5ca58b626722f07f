"""Inloggning: signing in from one's own phone (issue 16).

So far: forgiving login names (PAS ``login_transform = "lower"``: a phone
that capitalises the first letter still signs in) and a login form made for
phones (no capitals, no autocorrect, the name kept after a failed attempt, a
plain Swedish message). To come: one-time codes, invitations, guessing
limits, remembered phones and SSO (see docs/design/issue-16-*.md).
"""
