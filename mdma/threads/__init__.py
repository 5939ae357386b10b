"""The one thread model: Markdown posts on a bottleneck, a session or a proposal."""
