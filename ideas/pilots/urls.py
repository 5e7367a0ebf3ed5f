from django.urls import path

from . import views

app_name = "pilots"
urlpatterns = [
    path("pilots/", views.pilot_list, name="list"),
    path("pilots/new/", views.pilot_create, name="create"),
    path("pilots/<int:pk>/", views.pilot_detail, name="detail"),
    path("pilots/<int:pk>/edit/", views.pilot_edit, name="edit"),
    path("pilots/<int:pk>/start/", views.pilot_start, name="start"),
    path("pilots/<int:pk>/conclude/", views.pilot_conclude, name="conclude"),
    path("pilots/<int:pk>/iterations/new/", views.iteration_create, name="iteration_create"),
    path("pilots/<int:pk>/iterations/<int:number>/edit/", views.iteration_edit, name="iteration_edit"),
    path("speed/", views.speed, name="speed"),
]
