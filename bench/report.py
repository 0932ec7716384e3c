"""The benchmark's tables, as text for the terminal (the same figures go to JSON)."""

# Title, width, format of the value, key in the JSON row.
_COLUMNS = (
    ("page", 28, "{:<28}", "page"),
    ("req/s", 7, "{:>7,.0f}", "requests_per_s"),
    ("p50 ms", 7, "{:>7.1f}", "p50_ms"),
    ("p99 ms", 7, "{:>7.1f}", "p99_ms"),
    ("% ceil", 6, "{:>6.0f}", "percent_of_ceiling"),
    ("CPU ms", 7, "{:>7.2f}", "cpu_ms_per_request"),
    ("render ms", 9, "{:>9.2f}", "render_cpu_ms"),
    ("cold ms", 7, "{:>7.2f}", "render_cold_cpu_ms"),
    ("1-conn ms", 9, "{:>9.1f}", "single_connection_ms"),
    ("SQL", 4, "{:>4}", "sql_statements"),
    ("RSS MB", 6, "{:>6.0f}", "worker_rss_mb_after"),
    ("failed", 6, "{:>6}", "failed"),
)


def page_table(result: dict) -> str:
    head = (
        f"\n{result['posts']:,} posts, {result['workers']} gunicorn workers,"
        f" {result['connections']} connections x {result['seconds_per_page']:.0f} s per page"
        f" ({result['load_generator']}); largest worker {result['worker_rss_mb']:.0f} MB RSS"
    )
    titles = "  ".join(
        f"{title:<{width}}" if key == "page" else f"{title:>{width}}"
        for title, width, _, key in _COLUMNS
    )
    lines = [head, titles, "-" * len(titles)]
    for row in result["pages"]:
        cells = []
        for _, width, template, key in _COLUMNS:
            value = row.get(key)
            cells.append(f"{'-':>{width}}" if value is None else template.format(value))
        lines.append("  ".join(cells))
    return "\n".join(lines)


def growth_table(results: list[dict]) -> str:
    """Requests/s and CPU ms per request of each page, one column pair per size."""
    sizes = [r["posts"] for r in results]
    head = f"{'page':<28}" + "".join(f"  {f'{s:,} posts':>22}" for s in sizes)
    sub = f"{'':<28}" + "".join(f"  {'req/s':>10} {'CPU ms':>11}" for _ in sizes)
    lines = ["\nGrowth", head, sub, "-" * len(head)]
    for index, row in enumerate(results[0]["pages"]):
        cells = []
        for result in results:
            page = result["pages"][index]
            cells.append(f"  {page['requests_per_s']:>10,.0f} {page['cpu_ms_per_request']:>11.2f}")
        lines.append(f"{row['page']:<28}" + "".join(cells))
    rss = "".join(f"  {r['worker_rss_mb']:>20.0f} MB" for r in results)
    lines.append(f"{'largest worker RSS':<28}{rss}")
    return "\n".join(lines)


def mix_lines(result: dict) -> str:
    """What the realistic mix was and what it left: shares, replies, memory, reads that wrote."""
    row = next((r for r in result["pages"] if r["page"] == "realistic mix"), None)
    if row is None:
        return ""
    share = row["shares"]
    lines = [
        f"\nrealistic mix: {row['seconds']:.0f} s, {row['requests']:,} requests over"
        f" {row['distinct_addresses']:,} addresses; {share['signed_in']:.0%} signed in"
        f" ({len(row['members_signed_in'])} members), {share['writes']:.0%} replies"
        f" (about {row['writes_sent_about']:,} sent, {row['replies_stored']:,} stored)",
        "  pages: "
        + ", ".join(f"{kind} {share[kind]:.0%}" for kind in share if kind not in _NOT_KINDS),
        "  each worker's RSS after it: "
        + ", ".join(f"{mb:.0f} MB" for mb in row["worker_rss_mb_each"]),
    ]
    wrote = {k: v for k, v in row.get("reads_that_write", {}).items() if v["wrote"]}
    if not wrote:
        lines.append("  reads that wrote: none (of the first GETs of the mix, run in-process)")
    for kind, entry in wrote.items():
        lines.append(
            f"  reads that wrote: {kind}: {entry['wrote']} of {entry['sampled']} GETs"
            f" ({', '.join(entry['tables'])})"
        )
    return "\n".join(lines)


_NOT_KINDS = ("signed_in", "writes", "reply")
