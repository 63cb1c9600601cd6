"""The `jiesu` console command: demo | serve | worker | token | calendar | calls | classify | classifier | report | manage.

Every subcommand honours DATABASE_URL and JIESU_DATA_DIR. Without SECRET_KEY in the environment a
random key is kept in the data folder, so a newcomer needs no variables and restarts keep sessions.
"""

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

DEMO_PASSWORD_ENV = "JIESU_DEMO_PASSWORD"


def _data_dir() -> Path:
    path = Path(os.environ.get("JIESU_DATA_DIR") or (Path.cwd() / "data")).resolve()
    os.environ["JIESU_DATA_DIR"] = str(path)
    return path


def _prepare_environment(*, debug_default: bool = False) -> Path:
    data = _data_dir()
    data.mkdir(parents=True, exist_ok=True)
    if debug_default:
        os.environ.setdefault("DEBUG", "1")
    if not os.environ.get("SECRET_KEY"):
        key_file = data / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        os.environ["SECRET_KEY"] = key_file.read_text().strip()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiesu.settings")
    return data


def _django_setup() -> None:
    import django

    django.setup()


def _manage(*argv: str, **options) -> None:
    from django.core.management import call_command

    call_command(*argv, **options)


def cmd_manage(args: argparse.Namespace) -> int:
    _prepare_environment()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jiesu manage", *args.rest])
    return 0


def _migrate() -> None:
    _manage("migrate", "--noinput", verbosity=0)


def _load_demo(orders: int) -> None:
    from jiesu.demo.load import demo_load

    summary = demo_load(orders=orders, progress=lambda msg: print(msg, flush=True))
    print()
    print(f"演示用户（密码均为 {summary.password}）：")
    for user in summary.users:
        print(f"  {user.username:<16} {user.roles:<24} {user.department}")
    print(f"演示工单：{summary.orders} 件")


def _spawn(argv: list[str]) -> subprocess.Popen:
    return subprocess.Popen(argv, env=os.environ.copy())


def _gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "jiesu.wsgi:application",
        "--bind", f"{host}:{port}", "--workers", str(workers), "--access-logfile", "-",
        "--timeout", "120", "--graceful-timeout", "10",
    ]


def _run_until_interrupted(children: list[subprocess.Popen]) -> int:
    stopping = False

    def stop(*_args):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.5)
    finally:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
    return 0 if stopping else 1


def cmd_demo(args: argparse.Namespace) -> int:
    data = _prepare_environment(debug_default=not args.no_serve)
    _django_setup()
    print(f"数据目录：{data}")
    _migrate()
    from jiesu.demo.load import demo_is_loaded

    if demo_is_loaded() and not args.reload:
        print("演示数据已存在（使用 --reload 重新生成）。")
    else:
        _load_demo(args.orders)
    if args.no_serve:
        return 0
    host, port = args.host, args.port
    print(f"\n打开 http://{host}:{port}/ 登录；按 Ctrl-C 退出。", flush=True)
    server = _spawn(_gunicorn_argv(host, port, workers=2))
    worker = _spawn([sys.executable, "-m", "jiesu.cli", "worker"])
    return _run_until_interrupted([server, worker])


def cmd_serve(args: argparse.Namespace) -> int:
    _prepare_environment()
    _django_setup()
    from django.conf import settings

    _manage("collectstatic", "--noinput", verbosity=0)
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        _migrate()  # the embedded database is ours to keep current; PostgreSQL is migrated by the operator
    server = _spawn(_gunicorn_argv(args.host, args.port, workers=args.workers))
    return _run_until_interrupted([server])


def cmd_worker(args: argparse.Namespace) -> int:
    _prepare_environment()
    _django_setup()
    from django.core.management import call_command

    call_command("chase_worker", *(["--once"] if args.once else []),
                 *(["--interval", str(args.interval)] if args.interval else []))
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    _prepare_environment()
    _django_setup()
    from jiesu.core.errors import DomainError
    from jiesu.organisations.services import api_token_create

    try:
        token = api_token_create(username=args.username, name=args.name or "")
    except DomainError as exc:
        print(f"错误：{exc.detail}", file=sys.stderr)
        return 2
    print(f"为 {args.username} 创建的 API 令牌（只显示这一次）：", file=sys.stderr)
    print(token)
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    try:
        start = date.fromisoformat(args.date)
    except ValueError:
        print(f"错误：date 应为 YYYY-MM-DD，收到 {args.date!r}", file=sys.stderr)
        return 2
    if args.days < 0:
        print("错误：days 不能为负数", file=sys.stderr)
        return 2
    _prepare_environment()
    _django_setup()
    from jiesu.deadlines.holidays import calendar_for_cli

    calendar, source = calendar_for_cli()
    result = calendar.add_working_days(start, args.days)
    if result.fell_back:
        print("注意：超出已录入的节假日安排，已按仅周末休息推算。", file=sys.stderr)
    if source != "database":
        print("注意：数据库中没有节假日安排，使用 chinese-calendar 包自带数据。", file=sys.stderr)
    print(result.day.isoformat())
    return 0


def _domain_error_text(exc) -> str:
    """The detail plus each field's messages: a bad --map names the column that was not found."""
    parts = [exc.detail, *(f"{name}: {msg}" for name, msgs in exc.fields.items() for msg in msgs)]
    return "；".join(dict.fromkeys(parts))


def cmd_calls_import(args: argparse.Namespace) -> int:
    """Import the telephony call log (来电零遗漏, seed 004). Bad rows are reported, not fatal: the
    exit code is non-zero only when the file or --map cannot be used at all."""
    try:
        content = Path(args.file).read_bytes()
    except OSError as exc:
        print(f"错误：无法读取 {args.file}：{exc.strerror}", file=sys.stderr)
        return 2
    _prepare_environment()
    _django_setup()
    from jiesu.calls.importing import mapping_parse
    from jiesu.calls.selectors import call_importer_get
    from jiesu.calls.services import calls_import
    from jiesu.core.errors import DomainError

    try:
        mapping = mapping_parse(args.map or "")
        actor = call_importer_get(username=args.user or "")
        result = calls_import(file=content, mapping=mapping, actor=actor, file_name=Path(args.file).name)
    except DomainError as exc:
        print(f"错误：{_domain_error_text(exc)}", file=sys.stderr)
        return 2
    print(f"imported {result.imported}, call-backs {result.callbacks}, errors {len(result.errors)}")
    for error in result.errors:
        print(f"line {error.line}: {error.field}: {error.message}")
    return 0


def _classify_input(line: str) -> tuple[object, str | None, str | None]:
    """(id, text, error) of one JSON line: the description, with the respondent's name after it
    because a name like "某某健身会所" says as much about the line as the complaint."""
    import json

    try:
        item = json.loads(line)
    except ValueError as exc:
        return None, None, f"invalid JSON: {exc}"
    if not isinstance(item, dict):
        return None, None, "expected a JSON object"
    description, respondent = item.get("description"), item.get("respondent") or ""
    if not isinstance(description, str) or not description.strip():
        return item.get("id"), None, "description is required"
    if not isinstance(respondent, str):
        return item.get("id"), None, "respondent must be a string"
    return item.get("id"), f"{description.strip()}\n{respondent.strip()}".strip(), None


def _classify_batch(classifier, lines: list[str]) -> None:
    import json

    parsed = [_classify_input(line) for line in lines]
    texts = [text for _id, text, error in parsed if error is None]
    results = iter(classifier.classify_many(texts))
    for item_id, _text, error in parsed:
        answer = {"id": item_id, "error": error} if error else {"id": item_id, **next(results).as_dict()}
        print(json.dumps(answer, ensure_ascii=False))
    sys.stdout.flush()


def cmd_classify(args: argparse.Namespace) -> int:
    """JSON lines in, JSON lines out, in input order. Lines are classified in batches of --batch
    (one matrix product per batch); a bad line answers with an error and the rest go on. No
    database needed: the model is trained from the shipped corpus on first use."""
    _prepare_environment()
    _django_setup()
    from jiesu.intelligence.classifier import classifier_get

    classifier = classifier_get()
    batch: list[str] = []
    for line in sys.stdin:
        if line.strip():
            batch.append(line)
        if len(batch) >= args.batch:
            _classify_batch(classifier, batch)
            batch = []
    if batch:
        _classify_batch(classifier, batch)
    return 0


def _print_evaluation(evaluation, title: str) -> None:
    print(f"{title}: {evaluation.rows} 条")
    print(f"accuracy {evaluation.accuracy:.3f}")
    print(f"top-3 accuracy {evaluation.top3_accuracy:.3f}")
    print(f"macro-F1 {evaluation.macro_f1:.3f}")
    width = max(len(code) for code in evaluation.labels)
    print("confusion matrix (rows: true line, columns: suggested)")
    print(" " * width + " " + " ".join(f"{code[:6]:>6}" for code in evaluation.labels))
    for code, counts in zip(evaluation.labels, evaluation.confusion, strict=True):
        print(f"{code:<{width}} " + " ".join(f"{n:>6}" for n in counts))


def cmd_classifier_train(args: argparse.Namespace) -> int:
    """Retrain from the corpus plus this deployment's confirmed orders and corrections. Before
    `migrate` there are none: the corpus alone is used, and the command says so."""
    _prepare_environment()
    _django_setup()
    from django.db import DatabaseError

    from jiesu.intelligence.classifier import classifier_train, evaluate, heldout_rows, training_rows

    corpus = list(training_rows())
    try:
        from jiesu.intelligence.training import deployment_rows

        deployment = deployment_rows()
    except DatabaseError:
        print("注意：数据库未初始化，仅使用随附语料训练。", file=sys.stderr)
        deployment = None
    extra = deployment.rows if deployment else []
    classifier = classifier_train([*corpus, *extra])
    print(f"corpus rows {len(corpus)}, confirmed orders {deployment.orders if deployment else 0}, "
          f"corrections {deployment.corrections if deployment else 0}, trained on {classifier.summary.rows}")
    heldout = list(heldout_rows())
    if heldout:
        result = evaluate(classifier, heldout)
        print(f"held-out accuracy {result.accuracy:.3f} (top-3 {result.top3_accuracy:.3f}, {result.rows} rows)")
    return 0


def cmd_classifier_evaluate(args: argparse.Namespace) -> int:
    try:
        content = Path(args.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"错误：无法读取 {args.file}：{exc}", file=sys.stderr)
        return 2
    _prepare_environment()
    _django_setup()
    from jiesu.intelligence.classifier import classifier_get, evaluate, labelled_rows_read

    try:
        evaluation = evaluate(classifier_get(), labelled_rows_read(content))
    except ValueError as exc:
        print(f"错误：{args.file} 需要 text 和 line 两列：{exc}", file=sys.stderr)
        return 2
    _print_evaluation(evaluation, Path(args.file).name)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Statistics upkeep: `refresh` drains the roll-up queue (what the worker does every period),
    `rebuild` recomputes facts and roll-ups from every order, `verify` counts a period again straight
    from the orders and compares, printing both times (issue 6 item 9)."""
    _prepare_environment()
    _django_setup()
    import time

    from jiesu.analytics.periods import period_parse
    from jiesu.analytics.recount import differences, recount, rollup_cells
    from jiesu.analytics.rollups import rollups_rebuild, rollups_refresh
    from jiesu.core.errors import DomainError

    started = time.perf_counter()
    if args.stats_command == "refresh":
        print(f"已更新 {rollups_refresh().orders} 件工单的统计")
        return 0
    if args.stats_command == "rebuild":
        count = rollups_rebuild()
        print(f"已重建 {count} 件工单的统计，用时 {time.perf_counter() - started:.1f} 秒")
        return 0
    try:
        period = period_parse(args.date_from, args.date_to)
    except DomainError as exc:
        print(f"错误：{_domain_error_text(exc)}", file=sys.stderr)
        return 2
    expected = recount(date_from=period.date_from, date_to=period.date_to)
    recount_seconds = time.perf_counter() - started
    started = time.perf_counter()
    actual = rollup_cells(date_from=period.date_from, date_to=period.date_to)
    rollup_seconds = time.perf_counter() - started
    problems = differences(expected, actual)
    for line in problems[:50]:
        print(line)
    print(f"{period.date_from}..{period.date_to}：全量重算 {recount_seconds * 1000:.0f} ms，"
          f"日汇总 {rollup_seconds * 1000:.0f} ms，差异 {len(problems)} 处")  # fmt: skip
    return 1 if problems else 0


def cmd_assessment(args: argparse.Namespace) -> int:
    """Score a month's departments now (the worker does last month on the 1st): the roll-ups are
    brought up to date first, then every assessed department is scored, ranked and, after three
    months below the average (seed 001), proposed for an interview."""
    _prepare_environment()
    _django_setup()
    from jiesu.analytics.rollups import rollups_refresh
    from jiesu.assessment.selectors import month_parse
    from jiesu.assessment.services import assessment_score
    from jiesu.core.errors import DomainError

    try:
        month = month_parse(args.month)
    except DomainError as exc:
        print(f"错误：{_domain_error_text(exc)}", file=sys.stderr)
        return 2
    rollups_refresh()
    run = assessment_score(month=month)
    scores = run.scores.select_related("department").order_by("tier", "rank", "department__path")
    for score in scores:
        flag = " 约谈" if score.interview_flag else ""
        print(f"{score.tier}\t{score.rank or '-'}\t{score.department.code}\t{score.score if score.score is not None else '-'}{flag}")
    print(f"{month:%Y-%m}：已计算 {scores.count()} 个部门")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write an analysis report (seed 004) as the named user's scope, by default the first
    administrator's: every department. Nothing is written when the kind, period or user is wrong."""
    _prepare_environment()
    _django_setup()
    from jiesu.core.errors import DomainError
    from jiesu.reports.selectors import report_author_get
    from jiesu.reports.services import report_document

    try:
        author = report_author_get(username=args.user or "")
        document = report_document(viewer=author, kind=args.kind, period=args.period,
                                   department=args.department or "", name=args.name or "")
    except DomainError as exc:
        print(f"错误：{_domain_error_text(exc)}", file=sys.stderr)
        return 2
    out = Path(args.out)
    try:
        out.write_bytes(document.content)
    except OSError as exc:
        print(f"错误：无法写入 {args.out}：{exc.strerror}", file=sys.stderr)
        return 2
    print(out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jiesu", description="接诉即办 jiesu: 12315/12345 工单平台")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="create the demo database, load demo data, serve UI and worker")
    demo.add_argument("--no-serve", action="store_true", help="load demo data into the configured database and exit")
    demo.add_argument("--orders", type=int, default=3000, help="number of demo orders (0: organisation only)")
    demo.add_argument("--reload", action="store_true", help="load demo data even if already present")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="serve the UI and API with gunicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser("worker", help="run background tasks and chase deadlines (sweep every 30 s)")
    worker.add_argument("--once", action="store_true", help="one sweep, deliver notifications, drain the task queue, exit")
    worker.add_argument("--interval", type=float, default=None, help="seconds between sweeps (JIESU_SWEEP_INTERVAL_SECONDS)")
    worker.set_defaults(func=cmd_worker)

    token = sub.add_parser("token", help="API tokens")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    create = token_sub.add_parser("create", help="print a new API token for USERNAME (last line)")
    create.add_argument("username")
    create.add_argument("--name", help="what the token is for")
    create.set_defaults(func=cmd_token)

    calendar = sub.add_parser("calendar", help="working-day calendar")
    cal_sub = calendar.add_subparsers(dest="calendar_command", required=True)
    add = cal_sub.add_parser("add-working-days", help="print the date N working days after DATE")
    add.add_argument("date")
    add.add_argument("days", type=int)
    add.set_defaults(func=cmd_calendar)

    calls = sub.add_parser("calls", help="telephony call log and call-backs")
    calls_sub = calls.add_subparsers(dest="calls_command", required=True)
    calls_import = calls_sub.add_parser("import", help="import a call log (CSV or XLSX) and create call-backs")
    calls_import.add_argument("file")
    calls_import.add_argument("--map", help="caller=COL,time=COL,answered=COL,wait=COL (column headers)")
    calls_import.add_argument("--user", help="import as USERNAME (default: the centre's first operator)")
    calls_import.set_defaults(func=cmd_calls_import)

    classify = sub.add_parser("classify", help="suggest line, category, requests, urgency: JSON lines on stdin")
    classify.add_argument("--batch", type=int, default=100, help="lines classified together (default 100)")
    classify.set_defaults(func=cmd_classify)

    classifier = sub.add_parser("classifier", help="train or evaluate the classifier")
    classifier_sub = classifier.add_subparsers(dest="classifier_command", required=True)
    train = classifier_sub.add_parser("train", help="retrain from the corpus, confirmed orders and corrections")
    train.set_defaults(func=cmd_classifier_train)
    evaluate = classifier_sub.add_parser("evaluate", help="accuracy, top-3, macro-F1 and confusion on a CSV/TSV")
    evaluate.add_argument("file", help="columns text and line (or the corpus header)")
    evaluate.set_defaults(func=cmd_classifier_evaluate)

    stats = sub.add_parser("stats", help="statistics roll-ups: refresh, rebuild, verify against a full recount")
    stats_sub = stats.add_subparsers(dest="stats_command", required=True)
    stats_sub.add_parser("refresh", help="bring the roll-ups up to date now").set_defaults(func=cmd_stats)
    stats_sub.add_parser("rebuild", help="recompute facts and roll-ups from every order").set_defaults(func=cmd_stats)
    verify = stats_sub.add_parser("verify", help="recount a period from the orders and compare with the roll-ups")
    verify.add_argument("--from", dest="date_from", default="", help="YYYY-MM-DD (default: first of this month)")
    verify.add_argument("--to", dest="date_to", default="", help="YYYY-MM-DD (default: today)")
    verify.set_defaults(func=cmd_stats)

    assessment = sub.add_parser("assessment", help="department assessment (部门考核)")
    assessment_sub = assessment.add_subparsers(dest="assessment_command", required=True)
    score = assessment_sub.add_parser("score", help="score, rank and flag the departments of a month")
    score.add_argument("--month", default="", help="YYYY-MM (default: last month)")
    score.set_defaults(func=cmd_assessment)

    report = sub.add_parser("report", help="write an analysis report (Word .docx) for a period")
    report.add_argument("kind", help="monthly | quarterly | half | annual | holiday")
    report.add_argument("--period", required=True, help="2025-03, 2025-Q1, 2025-H1, 2025 or 2025-01-28..2025-02-04")
    report.add_argument("--out", required=True, help="the .docx file to write")
    report.add_argument("--department", help="a department code: its subtree only (default: the user's scope)")
    report.add_argument("--name", help="the holiday's name, e.g. 春节")
    report.add_argument("--user", help="write as USERNAME (default: the first administrator: every department)")
    report.set_defaults(func=cmd_report)

    manage = sub.add_parser("manage", help="Django's manage.py", add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.func is cmd_demo and args.orders < 0:
        print("错误：--orders 不能为负数", file=sys.stderr)
        return 2
    if args.func is cmd_classify and args.batch < 1:
        print("错误：--batch 至少为 1", file=sys.stderr)
        return 2
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
