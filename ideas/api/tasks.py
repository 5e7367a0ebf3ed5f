from django_tasks import task

from . import exports


@task()
def regenerate_open_data() -> list[str]:
    """Regenerate every bulk download (see ``exports.regenerate``)."""
    done = exports.regenerate()
    if done is None:
        return []
    return [f"{export.filename}: {export.rows} rows, {export.size} bytes" for export in done]
