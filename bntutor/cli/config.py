"""`bntutor config`: the learner's settings, kept in the home dir (see bntutor.store.settings)."""

from __future__ import annotations

from typing import Annotated

import typer

from bntutor.cli.context import get_context

app = typer.Typer()


@app.command("config")
def config_cmd(
    ctx: typer.Context,
    key: Annotated[str | None, typer.Argument()] = None,
    value: Annotated[str | None, typer.Argument()] = None,
) -> None:
    """Show the settings, or set one: bntutor config lang zh."""
    from bntutor.errors import BadInputError
    from bntutor.messages import message
    from bntutor.store.settings import KNOWN, read_settings, save_setting

    app_ctx = get_context(ctx)
    if key is None:
        saved = read_settings(app_ctx.home_dir)
        for name in KNOWN:
            shown = saved.get(name) or message("config.unset", app_ctx.lang)
            app_ctx.console.print(f"{name} = {shown}", markup=False)
        return
    if key not in KNOWN:
        raise BadInputError(message("config.unknown_key", app_ctx.lang, name=key), "bntutor config",
                            ", ".join(KNOWN))
    if value is None:
        app_ctx.console.print(read_settings(app_ctx.home_dir).get(key)
                              or message("config.unset", app_ctx.lang), markup=False)
        return
    allowed = KNOWN[key]
    if value not in allowed:
        raise BadInputError(message("config.bad_value", app_ctx.lang, name=key, value=value,
                                    allowed=" | ".join(allowed)), f"bntutor config {key}")
    try:
        save_setting(app_ctx.home(), key, value)
    except OSError as exc:
        from bntutor.errors import StoreError

        raise StoreError(message("config.cannot_save", app_ctx.lang, reason=exc.strerror or exc),
                         str(app_ctx.home_dir)) from None
    lang = value if key == "lang" else app_ctx.lang
    app_ctx.console.print(message("config.saved", lang, name=key, value=value), markup=False)
