-- 003: stories found by the online linker (storyline.link), their members, the merges between
-- them, the linker's own state to continue from, and article vectors so that relinking does not
-- embed again. Times are UTC seconds since the epoch.
CREATE TABLE stories (
    id             INTEGER PRIMARY KEY,
    title          TEXT,
    representative INTEGER,
    size           INTEGER NOT NULL,
    first_time     REAL,
    last_time      REAL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    centroid       BLOB NOT NULL,
    kept           BLOB NOT NULL,
    sparse         TEXT NOT NULL
);
CREATE INDEX stories_last ON stories(last_time);

CREATE TABLE story_members (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id    INTEGER NOT NULL REFERENCES stories(id),
    position    INTEGER NOT NULL UNIQUE,
    score       REAL,
    assigned_at TEXT NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id);

CREATE TABLE story_merges (
    id          INTEGER PRIMARY KEY,
    kept        INTEGER NOT NULL,
    merged      INTEGER NOT NULL,
    at_position INTEGER NOT NULL,
    cosine      REAL,
    merged_at   TEXT NOT NULL
);

CREATE TABLE linker_state (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE article_vectors (
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    model        TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    vec          BLOB NOT NULL,
    PRIMARY KEY (article_id, model)
) WITHOUT ROWID;
