from sqlalchemy import orm, MetaData, Table
from sqlalchemy.orm import mapper, relation, eagerload
metadata = MetaData()
orm.mapper(Page, pages_table)
mapper(Tag, tags_table, properties={'pages': relation(Page)})
q = Session.query(Page).options(eagerload('tags'))
Session.save(page)
meta.metadata.bind = engine
other = MetaData(bind=engine)
rows = select([pages_table.c.title])
count = engine.execute("SELECT count(*) FROM pages")
