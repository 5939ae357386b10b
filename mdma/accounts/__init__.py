"""Accounts of professionals: users, roles, invitations, log-in, personal access tokens."""
