from sqlalchemy import orm, MetaData, Table
from sqlalchemy.orm import registry, relationship, joinedload
metadata = MetaData()
orm.registry().map_imperatively(Page, pages_table)
registry().map_imperatively(Tag, tags_table, properties={'pages': relationship(Page)})
q = Session.query(Page).options(joinedload('tags'))
Session.add(page)
meta.metadata.bind = engine
other = MetaData(bind=engine)
rows = select([pages_table.c.title])
count = engine.execute("SELECT count(*) FROM pages")
