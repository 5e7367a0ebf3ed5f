from django.utils.functional import SimpleLazyObject


def site(request):
    """What every page template needs: the signed-in user's unread notification count, counted
    only if the template shows it (fragments such as the support button do not)."""
    user = getattr(request, "user", None)

    def unread():
        if user is None or not user.is_authenticated:
            return 0
        return user.notifications.filter(read_at__isnull=True).count()

    return {"unread_notifications": SimpleLazyObject(unread)}
