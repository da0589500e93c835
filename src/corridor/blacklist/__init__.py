"""The transport-operator blacklist under COM(2021) 753: operators, cases, measures, audit,
publication and the partners' matrix. Pure domain logic; storage lives in
:mod:`corridor.store.blacklist` and the use cases in :mod:`corridor.services.blacklist`."""
