"""Live connections: only signed-in users connect; each joins a room of their own.

Handlers are declared at import time, before any `socketio.init_app`, so every server the
application factory builds (tests build several) gets them.
"""

from flask_login import current_user
from flask_socketio import join_room

from mdma.core.live import user_room
from mdma.extensions import socketio


@socketio.on("connect")
def on_connect(auth=None):
    if not current_user.is_authenticated:
        return False
    join_room(user_room(current_user.id))
    return True
