-- 004: new articles enter the full-text index at commit points, in one statement per batch
-- (SQLiteStore.add_article and _index_new), instead of one trigger call per inserted row: tokenizing
-- a batch together is cheaper. Updates and deletes keep their triggers.
DROP TRIGGER articles_ai;
