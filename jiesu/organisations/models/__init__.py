from .access_log import PersonalDataAccess
from .department import Department, JurisdictionArea
from .staff import ApiToken, Staff

__all__ = ["ApiToken", "Department", "JurisdictionArea", "PersonalDataAccess", "Staff"]
