from django.conf import settings


def site(request):
    """Values every page template needs: the unread notification count and limits."""
    unread = 0
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {"unread_notifications": unread, "FIELDWORK": settings.FIELDWORK}
