-- 001: documents (raw input, byte for byte), articles, full-text search, outlets, rejections.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    origin      TEXT NOT NULL,
    url         TEXT,
    media_type  TEXT,
    format      TEXT,
    size        INTEGER NOT NULL,
    raw         BLOB NOT NULL,
    received_at TEXT NOT NULL
);

CREATE TABLE articles (
    id                  INTEGER PRIMARY KEY,
    document_id         INTEGER NOT NULL REFERENCES documents(id),
    item                TEXT,
    draft_hash          TEXT NOT NULL UNIQUE,
    content_hash        TEXT NOT NULL,
    title               TEXT,
    subtitle            TEXT,
    section             TEXT,
    author              TEXT,
    outlet              TEXT,
    outlet_name         TEXT,
    agency              TEXT,
    language            TEXT,
    language_score      REAL,
    published           TEXT,
    published_precision TEXT,
    published_utc       TEXT,
    timezone            TEXT,
    url                 TEXT,
    text                TEXT NOT NULL,
    paragraphs          TEXT NOT NULL,
    dropped             TEXT NOT NULL,
    header              TEXT NOT NULL,
    warnings            TEXT NOT NULL,
    draft               TEXT NOT NULL,
    profile_version     INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    cleaned_at          TEXT NOT NULL
);
CREATE INDEX articles_document ON articles(document_id);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_published ON articles(published_utc);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, subtitle, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, subtitle, text) VALUES (new.id, new.title, new.subtitle, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, subtitle, text) VALUES ('delete', old.id, old.title, old.subtitle, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, subtitle, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, subtitle, text) VALUES ('delete', old.id, old.title, old.subtitle, old.text);
    INSERT INTO articles_fts(rowid, title, subtitle, text) VALUES (new.id, new.title, new.subtitle, new.text);
END;

-- Outlets a user registered (the packaged list is not copied here).
CREATE TABLE outlets (
    id       TEXT PRIMARY KEY,
    name     TEXT,
    aliases  TEXT NOT NULL DEFAULT '[]',
    timezone TEXT
);

-- Per outlet: how many articles were seen, and in how many of them each short line occurred.
CREATE TABLE outlet_stats (
    outlet  TEXT PRIMARY KEY,
    docs    INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE outlet_lines (
    outlet TEXT NOT NULL,
    key    TEXT NOT NULL,
    docs   INTEGER NOT NULL,
    PRIMARY KEY (outlet, key)
) WITHOUT ROWID;

-- Inputs that were skipped, and why.
CREATE TABLE rejections (
    id     INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);
