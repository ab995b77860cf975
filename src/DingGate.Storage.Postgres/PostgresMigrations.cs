namespace DingGate.Storage.Postgres;

// The PostgreSQL schema, one numbered step per change (append-only, like SqliteMigrations). Step 1 is the schema of
// SQLite steps 1-9: the same tables and columns, instants as epoch milliseconds (BIGINT), states and flags as numbers.
// SQLite's rowid tie-breaks become a BIGSERIAL seq column; its NOCASE columns become unique indexes on lower(…).
internal static class PostgresMigrations
{
    public static IReadOnlyList<string> Steps { get; } =
    [
        """
        CREATE TABLE inbound_journal (
            account_id  TEXT   NOT NULL,
            message_key TEXT   NOT NULL,
            topic       TEXT   NOT NULL,
            payload     TEXT   NOT NULL,
            received_at BIGINT NOT NULL,
            state       BIGINT NOT NULL,
            attempts    BIGINT NOT NULL DEFAULT 0,
            detail      TEXT   NULL,
            updated_at  BIGINT NOT NULL,
            seq         BIGSERIAL,
            PRIMARY KEY (account_id, message_key)
        );
        CREATE INDEX ix_inbound_journal_unfinished ON inbound_journal (account_id, state, received_at);
        CREATE INDEX ix_inbound_journal_finished ON inbound_journal (state, updated_at);

        CREATE TABLE dedup_marks (
            scope      TEXT   NOT NULL,
            key        TEXT   NOT NULL,
            expires_at BIGINT NOT NULL,
            PRIMARY KEY (scope, key)
        );
        CREATE INDEX ix_dedup_marks_expires_at ON dedup_marks (expires_at);

        CREATE TABLE pairing_pending (
            account_id      TEXT   NOT NULL,
            code            TEXT   NOT NULL,
            user_id         TEXT   NOT NULL,
            nick            TEXT   NOT NULL,
            conversation_id TEXT   NOT NULL,
            created_at      BIGINT NOT NULL,
            expires_at      BIGINT NOT NULL,
            seq             BIGSERIAL
        );
        CREATE UNIQUE INDEX ux_pairing_pending_code ON pairing_pending (account_id, lower(code));
        CREATE INDEX ix_pairing_pending_user ON pairing_pending (account_id, lower(user_id));

        CREATE TABLE pairing_approved (
            account_id  TEXT   NOT NULL,
            user_id     TEXT   NOT NULL,
            approved_at BIGINT NOT NULL,
            seq         BIGSERIAL
        );
        CREATE UNIQUE INDEX ux_pairing_approved_user ON pairing_approved (account_id, lower(user_id));

        CREATE TABLE open_cards (
            account_id      TEXT   NOT NULL,
            out_track_id    TEXT   NOT NULL,
            conversation_id TEXT   NOT NULL,
            message_key     TEXT   NOT NULL,
            owner_user_id   TEXT   NULL,
            content         TEXT   NOT NULL,
            state           BIGINT NOT NULL DEFAULT 1,
            created_at      BIGINT NOT NULL,
            updated_at      BIGINT NOT NULL,
            seq             BIGSERIAL,
            PRIMARY KEY (account_id, out_track_id)
        );
        CREATE INDEX ix_open_cards_message ON open_cards (account_id, message_key);

        CREATE TABLE shown_indicators (
            account_id      TEXT   NOT NULL,
            message_key     TEXT   NOT NULL,
            conversation_id TEXT   NOT NULL,
            msg_id          TEXT   NOT NULL,
            emotion_name    TEXT   NOT NULL,
            emotion_id      TEXT   NOT NULL,
            background_id   TEXT   NOT NULL,
            shown_at        BIGINT NOT NULL,
            seq             BIGSERIAL,
            PRIMARY KEY (account_id, message_key)
        );

        CREATE TABLE session_messages (
            account_id TEXT   NOT NULL,
            scope      TEXT   NOT NULL,
            seq        BIGINT NOT NULL,
            role       TEXT   NOT NULL,
            text       TEXT   NOT NULL,
            at         BIGINT NOT NULL,
            tokens     BIGINT NULL,
            PRIMARY KEY (account_id, scope, seq)
        );
        CREATE INDEX ix_session_messages_at ON session_messages (at);

        CREATE TABLE session_usage (
            account_id    TEXT   NOT NULL,
            scope         TEXT   NOT NULL,
            input_tokens  BIGINT NOT NULL,
            output_tokens BIGINT NOT NULL,
            started_at    BIGINT NOT NULL,
            PRIMARY KEY (account_id, scope)
        );

        CREATE TABLE api_usage (
            account_id TEXT   NOT NULL,
            month      BIGINT NOT NULL,
            calls      BIGINT NOT NULL,
            billed     BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (account_id, month)
        );

        CREATE TABLE quota_notices (
            quota_group TEXT   NOT NULL,
            month       BIGINT NOT NULL,
            step        BIGINT NOT NULL,
            sent_at     BIGINT NOT NULL,
            PRIMARY KEY (quota_group, month, step)
        );

        CREATE TABLE reply_outbox (
            id                 BIGSERIAL PRIMARY KEY,
            account_id         TEXT   NOT NULL,
            message_key        TEXT   NOT NULL,
            final              BIGINT NOT NULL,
            conversation_id    TEXT   NOT NULL,
            is_group           BIGINT NOT NULL,
            user_id            TEXT   NULL,
            webhook            TEXT   NULL,
            webhook_expires_at BIGINT NULL,
            markdown           BIGINT NOT NULL,
            part_count         BIGINT NOT NULL,
            delivered_parts    BIGINT NOT NULL DEFAULT 0,
            in_flight_part     BIGINT NULL,
            state              BIGINT NOT NULL,
            attempts           BIGINT NOT NULL DEFAULT 0,
            next_attempt_at    BIGINT NULL,
            last_error         TEXT   NULL,
            created_at         BIGINT NOT NULL,
            updated_at         BIGINT NOT NULL
        );
        CREATE INDEX ix_reply_outbox_message ON reply_outbox (account_id, message_key);
        CREATE INDEX ix_reply_outbox_state ON reply_outbox (account_id, state, next_attempt_at);

        CREATE TABLE reply_outbox_parts (
            outbox_id BIGINT NOT NULL REFERENCES reply_outbox (id) ON DELETE CASCADE,
            idx       BIGINT NOT NULL,
            title     TEXT   NOT NULL,
            text      TEXT   NOT NULL,
            PRIMARY KEY (outbox_id, idx)
        );

        CREATE TABLE reply_outbox_attempts (
            outbox_id BIGINT NOT NULL REFERENCES reply_outbox (id) ON DELETE CASCADE,
            seq       BIGINT NOT NULL,
            at        BIGINT NOT NULL,
            path      TEXT   NOT NULL,
            outcome   TEXT   NOT NULL,
            detail    TEXT   NULL,
            PRIMARY KEY (outbox_id, seq)
        );

        CREATE TABLE scheduled_jobs (
            id              TEXT   NOT NULL PRIMARY KEY,
            account_id      TEXT   NOT NULL,
            target          TEXT   NOT NULL,
            creator         TEXT   NOT NULL,
            kind            BIGINT NOT NULL,
            text            TEXT   NOT NULL,
            at              BIGINT NULL,
            cron            TEXT   NULL,
            time_zone       TEXT   NOT NULL,
            next_occurrence BIGINT NULL,
            state           BIGINT NOT NULL,
            created_at      BIGINT NOT NULL,
            updated_at      BIGINT NOT NULL,
            seq             BIGSERIAL
        );
        CREATE INDEX ix_scheduled_jobs_due ON scheduled_jobs (state, next_occurrence);
        CREATE INDEX ix_scheduled_jobs_creator ON scheduled_jobs (account_id, lower(creator), state);

        CREATE TABLE job_occurrences (
            job_id          TEXT   NOT NULL REFERENCES scheduled_jobs (id),
            due_at          BIGINT NOT NULL,
            state           BIGINT NOT NULL,
            late            BIGINT NOT NULL,
            attempts        BIGINT NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NULL,
            detail          TEXT   NULL,
            claimed_at      BIGINT NOT NULL,
            updated_at      BIGINT NOT NULL,
            PRIMARY KEY (job_id, due_at)
        );
        CREATE INDEX ix_job_occurrences_state ON job_occurrences (state, next_attempt_at);
        """,

        // Owner approvals (SQLite step 10, issue 16): the pairing requests sent to the owners, so the notice, the
        // decision (first owner wins), the card update and the requester's notice each happen once across replicas.
        """
        CREATE TABLE owner_approvals (
            account_id        TEXT   NOT NULL,
            code              TEXT   NOT NULL,
            out_track_id      TEXT   NOT NULL,
            user_id           TEXT   NOT NULL,
            nick              TEXT   NOT NULL,
            created_at        BIGINT NOT NULL,
            expires_at        BIGINT NOT NULL,
            notified_at       BIGINT NULL,
            notified_by       TEXT   NULL,
            decision          BIGINT NOT NULL DEFAULT 0,
            decided_by        TEXT   NULL,
            decided_at        BIGINT NULL,
            card_updated_at   BIGINT NULL,
            requester_told_at BIGINT NULL,
            PRIMARY KEY (account_id, code)
        );
        CREATE UNIQUE INDEX ix_owner_approvals_card ON owner_approvals (account_id, out_track_id);
        """,

        // 3 (issue 17, replica heartbeat): SQLite step 11. One row per gateway replica, rewritten every third of its
        // lease; live while expires_at (heartbeat + lease) is in the future.
        """
        CREATE TABLE replicas (
            id            TEXT   NOT NULL PRIMARY KEY,
            host          TEXT   NOT NULL,
            pid           BIGINT NOT NULL,
            version       TEXT   NOT NULL,
            started_at    BIGINT NOT NULL,
            heartbeat_at  BIGINT NOT NULL,
            expires_at    BIGINT NOT NULL,
            accounts      TEXT   NOT NULL,
            turns_running BIGINT NOT NULL
        );
        CREATE INDEX ix_replicas_expires_at ON replicas (expires_at);
        """,

        // 4 (issue 17, shared limits without Redis): the permits of each sliding window as slots (one row per permit,
        // taken_at in microseconds since the epoch, 0 never), and the quota groups' shared month counters.
        """
        CREATE TABLE rate_slots (
            key      TEXT    NOT NULL,
            slot     INTEGER NOT NULL,
            taken_at BIGINT  NOT NULL,
            PRIMARY KEY (key, slot)
        );
        CREATE INDEX ix_rate_slots_taken ON rate_slots (key, taken_at);

        CREATE TABLE shared_counters (
            key   TEXT   NOT NULL PRIMARY KEY,
            value BIGINT NOT NULL
        );
        """,

        // 5 (issue 17, replicas): leases on journal entries and outbox entries (owner replica id, expiry in epoch ms),
        // and the conversation lane of a journal entry, so replicas keep one conversation's turns in arrival order.
        """
        ALTER TABLE inbound_journal ADD COLUMN lease_owner TEXT NULL;
        ALTER TABLE inbound_journal ADD COLUMN lease_until BIGINT NULL;
        ALTER TABLE inbound_journal ADD COLUMN lane TEXT NULL;
        CREATE INDEX ix_inbound_journal_lease ON inbound_journal (lease_owner) WHERE state IN (0, 1);
        CREATE INDEX ix_inbound_journal_lane ON inbound_journal (account_id, lane, seq) WHERE state IN (0, 1);
        ALTER TABLE reply_outbox ADD COLUMN lease_owner TEXT NULL;
        ALTER TABLE reply_outbox ADD COLUMN lease_until BIGINT NULL;
        CREATE INDEX ix_reply_outbox_lease ON reply_outbox (lease_owner) WHERE state IN (0, 1);
        """,

        // 6 (issue 17, replicas): the inbound message an exchange of the history answers, so a turn run again after a
        // crash between storing its exchange and completing its reply neither stores it twice nor asks the model again.
        """
        ALTER TABLE session_messages ADD COLUMN exchange_id TEXT NULL;
        CREATE INDEX ix_session_messages_exchange ON session_messages (account_id, scope, exchange_id) WHERE exchange_id IS NOT NULL;
        """,

        // 7 (issue 17, replicas): stop requests (a /stop received by one replica for a turn another runs; SQLite step 14,
        // where a single process never writes it), and which replica works on an owner approval (its notice, its
        // decision), so a starting replica leaves what a live one is doing alone.
        """
        CREATE TABLE stop_requests (
            id           TEXT   NOT NULL PRIMARY KEY,
            account_id   TEXT   NOT NULL,
            session_key  TEXT   NOT NULL,
            requested_by TEXT   NOT NULL,
            requested_at BIGINT NOT NULL,
            expires_at   BIGINT NOT NULL,
            honoured_by  TEXT   NULL,
            honoured_at  BIGINT NULL
        );
        CREATE INDEX ix_stop_requests_open ON stop_requests (expires_at) WHERE honoured_by IS NULL;
        ALTER TABLE owner_approvals ADD COLUMN worked_by TEXT NULL;
        """,

        // 8 (issue 17, duplicate replica ids): SQLite step 15. The random nonce of the process that wrote a heartbeat row,
        // so two live processes given one gateway.replicaId notice each other.
        """
        ALTER TABLE replicas ADD COLUMN nonce TEXT NOT NULL DEFAULT '';
        """,
    ];
}
