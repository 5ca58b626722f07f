"""Tillgänglighetsredogörelse: the intranet's accessibility statement under
lagen (2018:1937) om tillgänglighet till digital offentlig service
(DOS-lagen), in the structure Myndigheten för digital förvaltning (DIGG)
prescribes, created as an editable page when the profile is installed
(statement.py); Plone's ``@@accessibility-info`` leads to it.
"""
