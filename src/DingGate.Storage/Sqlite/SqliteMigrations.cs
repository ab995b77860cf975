namespace DingGate.Storage.Sqlite;

// The schema, one numbered step per change. Steps are append-only: never edit a shipped step, add a new one.
// Each step runs in the same IMMEDIATE transaction as its schema_version row, so a crash mid-migration leaves the
// previous version intact and the next open retries it.
internal static class SqliteMigrations
{
    public static IReadOnlyList<string> Steps { get; } =
    [
        // 1: journal, dedup marks, pairing.
        """
        CREATE TABLE inbound_journal (
            account_id  TEXT    NOT NULL,
            message_key TEXT    NOT NULL,
            topic       TEXT    NOT NULL,
            payload     TEXT    NOT NULL,
            received_at INTEGER NOT NULL,
            state       INTEGER NOT NULL,
            attempts    INTEGER NOT NULL DEFAULT 0,
            detail      TEXT    NULL,
            updated_at  INTEGER NOT NULL,
            PRIMARY KEY (account_id, message_key)
        );
        CREATE INDEX ix_inbound_journal_unfinished ON inbound_journal (account_id, state, received_at);

        CREATE TABLE dedup_marks (
            scope      TEXT    NOT NULL,
            key        TEXT    NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (scope, key)
        ) WITHOUT ROWID;
        CREATE INDEX ix_dedup_marks_expires_at ON dedup_marks (expires_at);

        CREATE TABLE pairing_pending (
            account_id      TEXT    NOT NULL,
            code            TEXT    NOT NULL COLLATE NOCASE,
            user_id         TEXT    NOT NULL COLLATE NOCASE,
            nick            TEXT    NOT NULL,
            conversation_id TEXT    NOT NULL,
            created_at      INTEGER NOT NULL,
            expires_at      INTEGER NOT NULL,
            PRIMARY KEY (account_id, code)
        );
        CREATE INDEX ix_pairing_pending_user ON pairing_pending (account_id, user_id);

        CREATE TABLE pairing_approved (
            account_id  TEXT    NOT NULL,
            user_id     TEXT    NOT NULL COLLATE NOCASE,
            approved_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, user_id)
        );
        """,

        // 2: cards still streaming, finalized with an "interrupted" note after a restart.
        """
        CREATE TABLE open_cards (
            account_id      TEXT    NOT NULL,
            out_track_id    TEXT    NOT NULL,
            conversation_id TEXT    NOT NULL,
            message_key     TEXT    NOT NULL,
            owner_user_id   TEXT    NULL,
            content         TEXT    NOT NULL,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            PRIMARY KEY (account_id, out_track_id)
        );
        """,

        // 3: session history (one row per message, seq increasing per session) and token usage since the last /new.
        """
        CREATE TABLE session_messages (
            account_id TEXT    NOT NULL,
            scope      TEXT    NOT NULL,
            seq        INTEGER NOT NULL,
            role       TEXT    NOT NULL,
            text       TEXT    NOT NULL,
            at         INTEGER NOT NULL,
            tokens     INTEGER NULL,
            PRIMARY KEY (account_id, scope, seq)
        ) WITHOUT ROWID;

        CREATE TABLE session_usage (
            account_id    TEXT    NOT NULL,
            scope         TEXT    NOT NULL,
            input_tokens  INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL,
            started_at    INTEGER NOT NULL,
            PRIMARY KEY (account_id, scope)
        ) WITHOUT ROWID;
        """,

        // 4: DingTalk API calls per account and month (yyyyMM), for the monthly quota.
        """
        CREATE TABLE api_usage (
            account_id TEXT    NOT NULL,
            month      INTEGER NOT NULL,
            calls      INTEGER NOT NULL,
            PRIMARY KEY (account_id, month)
        ) WITHOUT ROWID;
        """,

        // 5: the reply outbox: answers written before their first part is sent, parts in order, attempt history.
        """
        CREATE TABLE reply_outbox (
            id                 INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id         TEXT    NOT NULL,
            message_key        TEXT    NOT NULL,
            final              INTEGER NOT NULL,
            conversation_id    TEXT    NOT NULL,
            is_group           INTEGER NOT NULL,
            user_id            TEXT    NULL,
            webhook            TEXT    NULL,
            webhook_expires_at INTEGER NULL,
            markdown           INTEGER NOT NULL,
            part_count         INTEGER NOT NULL,
            delivered_parts    INTEGER NOT NULL DEFAULT 0,
            in_flight_part     INTEGER NULL,
            state              INTEGER NOT NULL,
            attempts           INTEGER NOT NULL DEFAULT 0,
            next_attempt_at    INTEGER NULL,
            last_error         TEXT    NULL,
            created_at         INTEGER NOT NULL,
            updated_at         INTEGER NOT NULL
        );
        CREATE INDEX ix_reply_outbox_message ON reply_outbox (account_id, message_key);
        CREATE INDEX ix_reply_outbox_state ON reply_outbox (account_id, state, next_attempt_at);

        CREATE TABLE reply_outbox_parts (
            outbox_id INTEGER NOT NULL REFERENCES reply_outbox (id) ON DELETE CASCADE,
            idx       INTEGER NOT NULL,
            title     TEXT    NOT NULL,
            text      TEXT    NOT NULL,
            PRIMARY KEY (outbox_id, idx)
        ) WITHOUT ROWID;

        CREATE TABLE reply_outbox_attempts (
            outbox_id INTEGER NOT NULL REFERENCES reply_outbox (id) ON DELETE CASCADE,
            seq       INTEGER NOT NULL,
            at        INTEGER NOT NULL,
            path      TEXT    NOT NULL,
            outcome   TEXT    NOT NULL,
            detail    TEXT    NULL,
            PRIMARY KEY (outbox_id, seq)
        ) WITHOUT ROWID;
        """,

        // 6 (issue 12, crash windows): how far each open card got (0 creating, 1 created,
        // 2 delivered, 3 delivered as a failure; cards of older runs were created), and the "thinking" reactions that
        // may be on screen, taken back at the next start.
        """
        ALTER TABLE open_cards ADD COLUMN state INTEGER NOT NULL DEFAULT 1;
        CREATE INDEX ix_open_cards_message ON open_cards (account_id, message_key);

        CREATE TABLE shown_indicators (
            account_id      TEXT    NOT NULL,
            message_key     TEXT    NOT NULL,
            conversation_id TEXT    NOT NULL,
            msg_id          TEXT    NOT NULL,
            emotion_name    TEXT    NOT NULL,
            emotion_id      TEXT    NOT NULL,
            background_id   TEXT    NOT NULL,
            shown_at        INTEGER NOT NULL,
            PRIMARY KEY (account_id, message_key)
        );
        """,

        // 7 (issue 12): retention purges by age without scans — finished journal entries
        // by when they finished, session history by when it was written.
        """
        CREATE INDEX ix_inbound_journal_finished ON inbound_journal (state, updated_at);
        CREATE INDEX ix_session_messages_at ON session_messages (at);
        """,

        // 8 (issue 14, quota governor): the OpenAPI calls DingTalk bills, per account and month (Asia/Shanghai), and
        // which quota warnings were sent (once per quota group, month and step, across restarts).
        """
        ALTER TABLE api_usage ADD COLUMN billed INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE quota_notices (
            quota_group TEXT    NOT NULL,
            month       INTEGER NOT NULL,
            step        INTEGER NOT NULL,
            sent_at     INTEGER NOT NULL,
            PRIMARY KEY (quota_group, month, step)
        ) WITHOUT ROWID;
        """,

        // 9 (issue 15, scheduled jobs): the jobs, and one row per claimed occurrence (job, due instant), so an occurrence
        // is claimed once across restarts and its send is tracked (claimed → sending → sent, failed or ambiguous).
        """
        CREATE TABLE scheduled_jobs (
            id              TEXT    NOT NULL PRIMARY KEY,
            account_id      TEXT    NOT NULL,
            target          TEXT    NOT NULL,
            creator         TEXT    NOT NULL COLLATE NOCASE,
            kind            INTEGER NOT NULL,
            text            TEXT    NOT NULL,
            at              INTEGER NULL,
            cron            TEXT    NULL,
            time_zone       TEXT    NOT NULL,
            next_occurrence INTEGER NULL,
            state           INTEGER NOT NULL,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL
        );
        CREATE INDEX ix_scheduled_jobs_due ON scheduled_jobs (state, next_occurrence);
        CREATE INDEX ix_scheduled_jobs_creator ON scheduled_jobs (account_id, creator, state);

        CREATE TABLE job_occurrences (
            job_id          TEXT    NOT NULL REFERENCES scheduled_jobs (id),
            due_at          INTEGER NOT NULL,
            state           INTEGER NOT NULL,
            late            INTEGER NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NULL,
            detail          TEXT    NULL,
            claimed_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            PRIMARY KEY (job_id, due_at)
        ) WITHOUT ROWID;
        CREATE INDEX ix_job_occurrences_state ON job_occurrences (state, next_attempt_at);
        """,

        // 10 (issue 16, owner admin): the pairing requests sent to the owners (card or text line), so the notice, the
        // decision (first owner wins), the card update and the requester's notice each happen once across crashes.
        """
        CREATE TABLE owner_approvals (
            account_id        TEXT    NOT NULL,
            code              TEXT    NOT NULL,
            out_track_id      TEXT    NOT NULL,
            user_id           TEXT    NOT NULL,
            nick              TEXT    NOT NULL,
            created_at        INTEGER NOT NULL,
            expires_at        INTEGER NOT NULL,
            notified_at       INTEGER NULL,
            notified_by       TEXT    NULL,
            decision          INTEGER NOT NULL DEFAULT 0,
            decided_by        TEXT    NULL,
            decided_at        INTEGER NULL,
            card_updated_at   INTEGER NULL,
            requester_told_at INTEGER NULL,
            PRIMARY KEY (account_id, code)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX ix_owner_approvals_card ON owner_approvals (account_id, out_track_id);
        """,

        // 11 (issue 17, replica heartbeat): one row per gateway replica, rewritten every third of its lease; live while
        // expires_at (heartbeat + lease) is in the future; removed at a clean stop, purged some time after it expired.
        """
        CREATE TABLE replicas (
            id            TEXT    NOT NULL PRIMARY KEY,
            host          TEXT    NOT NULL,
            pid           INTEGER NOT NULL,
            version       TEXT    NOT NULL,
            started_at    INTEGER NOT NULL,
            heartbeat_at  INTEGER NOT NULL,
            expires_at    INTEGER NOT NULL,
            accounts      TEXT    NOT NULL,
            turns_running INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_replicas_expires_at ON replicas (expires_at);
        """,

        // 12 (issue 17, replicas): leases on journal entries and outbox entries (owner replica id, expiry in epoch ms),
        // and the conversation lane of a journal entry, so replicas keep one conversation's turns in arrival order.
        // Standalone (SQLite) gateways leave them NULL.
        """
        ALTER TABLE inbound_journal ADD COLUMN lease_owner TEXT NULL;
        ALTER TABLE inbound_journal ADD COLUMN lease_until INTEGER NULL;
        ALTER TABLE inbound_journal ADD COLUMN lane TEXT NULL;
        CREATE INDEX ix_inbound_journal_lease ON inbound_journal (lease_owner) WHERE state IN (0, 1);
        CREATE INDEX ix_inbound_journal_lane ON inbound_journal (account_id, lane) WHERE state IN (0, 1);
        ALTER TABLE reply_outbox ADD COLUMN lease_owner TEXT NULL;
        ALTER TABLE reply_outbox ADD COLUMN lease_until INTEGER NULL;
        CREATE INDEX ix_reply_outbox_lease ON reply_outbox (lease_owner) WHERE state IN (0, 1);
        """,

        // 13 (issue 17, replicas): the inbound message an exchange of the history answers, so a turn run again after a
        // crash between storing its exchange and completing its reply neither stores it twice nor asks the model again.
        """
        ALTER TABLE session_messages ADD COLUMN exchange_id TEXT NULL;
        CREATE INDEX ix_session_messages_exchange ON session_messages (account_id, scope, exchange_id) WHERE exchange_id IS NOT NULL;
        """,

        // 14 (issue 17, replicas): stop requests (PostgreSQL step 7: a /stop received by one replica for a turn another
        // runs; a SQLite gateway is one process, stops its turns locally and never writes the table), and which replica
        // works on an owner approval (NULL for a standalone gateway).
        """
        CREATE TABLE stop_requests (
            id           TEXT    NOT NULL PRIMARY KEY,
            account_id   TEXT    NOT NULL,
            session_key  TEXT    NOT NULL,
            requested_by TEXT    NOT NULL,
            requested_at INTEGER NOT NULL,
            expires_at   INTEGER NOT NULL,
            honoured_by  TEXT    NULL,
            honoured_at  INTEGER NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_stop_requests_open ON stop_requests (expires_at) WHERE honoured_by IS NULL;
        ALTER TABLE owner_approvals ADD COLUMN worked_by TEXT NULL;
        """,

        // 15 (issue 17, duplicate replica ids): the random nonce of the process that wrote a heartbeat row, so two live
        // processes given one gateway.replicaId notice each other (PostgreSQL step 8).
        """
        ALTER TABLE replicas ADD COLUMN nonce TEXT NOT NULL DEFAULT '';
        """,
    ];
}
