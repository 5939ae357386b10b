"""The Flask extensions, created once and unbound; create_app binds them."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.pagination import SelectPagination
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData

from mdma.core.edge import BoundedPages

# Named constraints keep Alembic migrations portable between SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class _BoundedSelectPagination(BoundedPages, SelectPagination):
    pass


class _Database(SQLAlchemy):
    def paginate(self, select, **kwargs) -> SelectPagination:
        """`db.paginate`, whose page number stays within bounds (`core.edge.MAX_PAGE`)."""
        return _BoundedSelectPagination(select=select, session=self.session(), **kwargs)


db = _Database(metadata=MetaData(naming_convention=NAMING))
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
socketio = SocketIO()
#: Request rates where a refusal before the view is right (mail sent on request); its storage
#: is RATELIMIT_STORAGE_URI: Redis when configured, shared by every process.
limiter = Limiter(key_func=get_remote_address)
