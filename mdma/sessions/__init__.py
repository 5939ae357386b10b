"""Sessions: the meetings of the network — planning, invitations, registrations, agenda, minutes, decisions, action points and calendars."""
