"""The front end shared by the public site and the staff back office.

Owns no models: template tags and filters that turn Django form fields into GOV.UK
Design System markup, the council's name and contact details for the layouts, and the
GOV.UK date input as a Django form field.
"""
