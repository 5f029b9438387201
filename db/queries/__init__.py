"""Read queries over the LL2 tables: lists with filters and keyset pages, rows by id, and
relations fetched for many owners in one statement. Plain Python in, rows out."""
