-- 002: what `storyline analyze` found per article (sentences, entities, quotes, dates, numbers as JSON)
-- and an index of canonical entities per article, for search and for finding candidate stories.
CREATE TABLE analyses (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    language    TEXT,
    data        TEXT NOT NULL,
    analyzed_at TEXT NOT NULL
);

CREATE TABLE article_entities (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    label      TEXT NOT NULL,
    canonical  TEXT NOT NULL,
    mentions   INTEGER NOT NULL,
    PRIMARY KEY (article_id, key)
) WITHOUT ROWID;
CREATE INDEX article_entities_key ON article_entities(key);
