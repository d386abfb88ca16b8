"""`yusuan serve`: the portal on the store (see yusuan.web)."""

from __future__ import annotations

import sys

import click

from yusuan.cli.store import db_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址。")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="端口。"
)
@db_option
@click.option(
    "--token",
    envvar="YUSUAN_TOKEN",
    help="写操作（上传、审核结论）所需的令牌：请求头 Authorization: Bearer 令牌（或环境变量 YUSUAN_TOKEN）。",
)
@click.option(
    "--max-upload",
    "max_mb",
    default=50,
    show_default=True,
    type=click.IntRange(1, 2048),
    help="上传文件的大小上限（MB）。",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="工作进程数：多个进程同时处理请求（每个进程各自缓存截图和模型）。",
)
def serve(
    host: str, port: int, db_url: str | None, token: str | None, max_mb: int, workers: int
) -> None:
    """启动审核门户：浏览器里看公开文件、问题与页面截图，确认/忽略，上传；以及 JSON API。

    Serve the portal on the store (the same as `yusuan import`: ./yusuan-data/yusuan.db by
    default) at http://HOST:PORT/ — the list of disclosures, each one's findings beside its
    page, 确认 / 忽略 with a reason, uploads — and the JSON API described at /openapi.json.
    """
    import uvicorn

    from yusuan.store import StoreError
    from yusuan.web import Config, create_app
    from yusuan.web.app import config_to_environment
    from yusuan.web.csrf import new_secret

    # one secret for every worker: a form's CSRF cookie signed by one is good at the others
    config = Config(db_url=db_url, token=token or None, max_bytes=max_mb << 20, secret=new_secret())
    try:  # the store opened (and migrated) once here: a bad one is one line, not N tracebacks
        app = create_app(config)
    except StoreError as exc:
        click.echo(f"yusuan: {exc}", err=True)
        sys.exit(2)
    click.echo(f"yusuan 审核门户：http://{host}:{port}/", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    config_to_environment(config)
    uvicorn.run(
        "yusuan.web.app:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
