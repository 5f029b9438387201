"""Every SQLModel table of the LL2 graph; importing this package registers them all."""

import gc
import importlib
import pkgutil

from sqlalchemy import Column
from sqlmodel import SQLModel

from launchgraph.db.coltypes import UTCDateTime

# Every module of this package declares tables: importing them all (in name order) registers
# them, and MODELS below finds them. The classes are reached through MODELS or their modules.
# Building the classes makes hundreds of thousands of objects and no garbage cycles: the
# cyclic collector, run over and over meanwhile, cost about a tenth of the command line's
# start (`launchgraph ingest`), so it waits until they are built. They live as long as the
# process: frozen, they are left out of every later collection too (the rest of the imports',
# the migration's, a server's), which otherwise walks them all again; the command line's start
# took a quarter less CPU.
_collecting = gc.isenabled()
gc.disable()
try:
    for _module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{_module.name}")
finally:
    gc.freeze()
    if _collecting:
        gc.enable()

metadata = SQLModel.metadata

# The documentation of each LL2 field is written once, on its SQLModel field; it is copied
# into the column's `info` so that readers of the SQLAlchemy tables (the GraphQL types, the
# SQL compiler) find it there. A column without one is not an LL2 field (relation keys,
# positions).


def _subclasses(cls: type) -> list[type]:
    return [c for sub in cls.__subclasses__() for c in (sub, *_subclasses(sub))]


# table name -> its SQLModel class, in the order the classes are declared
MODELS: dict[str, type[SQLModel]] = {
    model.__tablename__: model  # type: ignore[misc]
    for model in _subclasses(SQLModel)
    if hasattr(model, "__table__")
}
for _model in MODELS.values():
    for _name, _field in _model.model_fields.items():
        if _field.description:
            _model.__table__.c[_name].info["description"] = _field.description  # type: ignore[attr-defined]
    if _model.__doc__:
        _model.__table__.info["description"] = " ".join(_model.__doc__.split())  # type: ignore[attr-defined]

# LL2 stamps only events and launches (last_updated). Every other object with an id (pads,
# agencies, boosters ...) is as new as the event or launch it came in: ingest keeps that
# stamp in `as_of`, so an older snapshot never overwrites what a newer one stored.
AS_OF = "as_of"
for _model in MODELS.values():
    _table = _model.__table__  # type: ignore[attr-defined]
    if (
        "id" in _table.c
        and _table.c.id.primary_key
        and "last_updated" not in _table.c
        and any("description" in c.info for c in _table.c)
    ):
        _table.append_column(Column(AS_OF, UTCDateTime(), nullable=True))

__all__ = ["AS_OF", "MODELS", "metadata"]
