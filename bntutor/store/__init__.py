"""Persistent state: lesson progress, attempts, quiz sessions and review cards.

Everything lives in one SQLite file, ``<home>/bntutor.sqlite3`` (WAL mode, schema version
in ``PRAGMA user_version``, migrations in :mod:`bntutor.store.migrations`)::

    from bntutor.store.store import Store

    with Store.open(home, clock=utc_now) as store:      # StoreError if unusable
        for warning in store.warnings: ...               # the CLI prints these
        # lesson progress, by lesson slug and step id
        store.set_current_step(slug, step_id)            # where the learner is
        store.save_step(slug, step_id, "correct", next_step_id, hints_used=1, seconds=12.5)
        progress = store.get_progress(slug)              # LessonRecord | None
        progress.resume_at(current_step_ids)             # survives reordered steps
        store.mark_finished(slug); store.reset_lesson(slug); store.all_progress()
        store.start_run(slug)                            # play again: earlier runs are kept
        # every answer; mastery per topic
        store.record_attempt("quiz", qid, answer, correct=False, hints=0, seconds=8.0,
                             diagnosis="used the batch statistics", topic="bn-eval")
        store.recent_attempts(20); store.attempts_for_topic(topic); store.topic_stats()
        # quiz sessions
        store.record_quiz(started_at, seconds, n_questions, n_correct, topics, report_json)
        store.quiz_history()
        # review cards: fsrs.Card state as JSON, due instant indexed
        store.put_card(qid, card.to_json(), card.due, topic)
        store.update_card(qid, change, topic)  # read, change, write: one transaction
        store.get_card(qid); store.due_cards(now); store.next_due()

Modules: ``db`` (connection, transactions, sqlite errors -> StoreError), ``migrations``,
``runs`` (a replay of a lesson is a new run; earlier runs are summed up and kept),
``recovery`` (a damaged file is moved aside to ``bntutor.sqlite3.corrupt-<stamp>`` and a
fresh one started with every readable row carried over by ``salvage``, with a warning;
``repair`` does the same on request), ``lessons`` (where each lesson stands and how each
step went), ``attempts``, ``quizzes``, ``cards``, ``store`` (the facade), ``home`` (where
the home dir is). Datetimes are aware, injected by the ``clock``, and stored as ISO-8601
UTC text. The store never prints. A row that cannot be read (bad text in a date column,
broken JSON) is left out of what is returned and counted in ``store.unreadable_rows()``
for the CLI to report.

Importing this package is cheap (``home`` needs it at startup): it holds no code, and
each caller imports the module it uses.
"""
