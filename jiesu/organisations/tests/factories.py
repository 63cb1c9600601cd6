"""Factories for departments and staff; departments go through the service so paths are right."""

import factory

from jiesu.organisations.models import Department, Staff
from jiesu.organisations.services import department_save

PASSWORD = "test-pass-123"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"dept-{n}")
    name = factory.Sequence(lambda n: f"部门{n}")
    kind = "office"
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return department_save(department=model_class(*args, **kwargs))


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"人员{n}")
    department = factory.SubFactory(DepartmentFactory)
    roles = factory.LazyFunction(lambda: ["handler"])

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
