# Copyright (c) 2026, syncthing.rest contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""A config as Syncthing 1.29.5 returns it from GET /rest/config (recorded from a hermetic node)."""

import copy

from ansible_collections.syncthing.rest.plugins.module_utils._config_compare import device_sort_key

MY_ID = 'DHLM6DT-S324LEK-5SF5ZPA-V7OHC33-TSCZHXI-VCGQL6Y-35RRDKA-U7OSFA7'
PEER = "MFZWI3D-BONSGYC-YLTMRWG-C43ENR5-QXGZDMM-FZWI3DP-BONSGYY-LTMRWAD"
OTHER = "AEAQCAI-BAEAQCA-AIBAEAQ-CAIBAEC-AQCAIBA-EAQCAIA-BAEAQCA-IBAEAQC"

# defaults.device as recorded; the local device is the same object with its ID and name
_DEVICE_TEMPLATE = {
    "deviceID": "",
    "name": "",
    "addresses": ["dynamic"],
    "compression": "metadata",
    "certName": "",
    "introducer": False,
    "skipIntroductionRemovals": False,
    "introducedBy": "",
    "paused": False,
    "allowedNetworks": [],
    "autoAcceptFolders": False,
    "maxSendKbps": 0,
    "maxRecvKbps": 0,
    "ignoredFolders": [],
    "maxRequestKiB": 0,
    "untrusted": False,
    "remoteGUIPort": 0,
    "numConnections": 0,
}

_CONFIG = {
    "version": 37,
    "folders": [],
    "devices": [dict(_DEVICE_TEMPLATE, deviceID=MY_ID, name="vm")],
    "gui": {
        "enabled": True,
        "address": "127.0.0.1:8384",
        "unixSocketPermissions": "",
        "user": "",
        "password": "",
        "authMode": "static",
        "useTLS": False,
        "apiKey": "API-KEY-FIXTURE",
        "insecureAdminAccess": False,
        "theme": "default",
        "debugging": False,
        "insecureSkipHostcheck": False,
        "insecureAllowFrameLoading": False,
        "sendBasicAuthPrompt": False,
    },
    "ldap": {
        "address": "",
        "bindDN": "",
        "transport": "plain",
        "insecureSkipVerify": False,
        "searchBaseDN": "",
        "searchFilter": "",
    },
    "options": {
        "listenAddresses": ["default"],
        "globalAnnounceServers": ["default"],
        "globalAnnounceEnabled": False,
        "localAnnounceEnabled": False,
        "localAnnouncePort": 21027,
        "localAnnounceMCAddr": "[ff12::8384]:21027",
        "maxSendKbps": 0,
        "maxRecvKbps": 0,
        "reconnectionIntervalS": 60,
        "relaysEnabled": False,
        "relayReconnectIntervalM": 10,
        "startBrowser": False,
        "natEnabled": False,
        "natLeaseMinutes": 60,
        "natRenewalMinutes": 30,
        "natTimeoutSeconds": 10,
        "urAccepted": -1,
        "urSeen": 0,
        "urUniqueId": "",
        "urURL": "https://data.syncthing.net/newdata",
        "urPostInsecurely": False,
        "urInitialDelayS": 1800,
        "autoUpgradeIntervalH": 0,
        "upgradeToPreReleases": False,
        "keepTemporariesH": 24,
        "cacheIgnoredFiles": False,
        "progressUpdateIntervalS": 5,
        "limitBandwidthInLan": False,
        "minHomeDiskFree": {"value": 1, "unit": "%"},
        "releasesURL": "https://upgrades.syncthing.net/meta.json",
        "alwaysLocalNets": [],
        "overwriteRemoteDeviceNamesOnConnect": False,
        "tempIndexMinBlocks": 10,
        "unackedNotificationIDs": ["authenticationUserAndPassword"],
        "trafficClass": 0,
        "setLowPriority": True,
        "maxFolderConcurrency": 0,
        "crURL": "https://crash.syncthing.net/newcrash",
        "crashReportingEnabled": False,
        "stunKeepaliveStartS": 0,
        "stunKeepaliveMinS": 0,
        "stunServers": ["default"],
        "databaseTuning": "auto",
        "maxConcurrentIncomingRequestKiB": 0,
        "announceLANAddresses": True,
        "sendFullIndexOnUpgrade": False,
        "featureFlags": [],
        "connectionLimitEnough": 0,
        "connectionLimitMax": 0,
        "insecureAllowOldTLSVersions": False,
        "connectionPriorityTcpLan": 10,
        "connectionPriorityQuicLan": 20,
        "connectionPriorityTcpWan": 30,
        "connectionPriorityQuicWan": 40,
        "connectionPriorityRelay": 50,
        "connectionPriorityUpgradeThreshold": 0,
    },
    "remoteIgnoredDevices": [],
    "defaults": {
        "folder": {
            "id": "",
            "label": "",
            "filesystemType": "basic",
            "path": "~",
            "type": "sendreceive",
            "devices": [{"deviceID": MY_ID, "introducedBy": "", "encryptionPassword": ""}],
            "rescanIntervalS": 3600,
            "fsWatcherEnabled": True,
            "fsWatcherDelayS": 10,
            "fsWatcherTimeoutS": 0,
            "ignorePerms": False,
            "autoNormalize": True,
            "minDiskFree": {"value": 1, "unit": "%"},
            "versioning": {"type": "", "params": {}, "cleanupIntervalS": 3600, "fsPath": "", "fsType": "basic"},
            "copiers": 0,
            "pullerMaxPendingKiB": 0,
            "hashers": 0,
            "order": "random",
            "ignoreDelete": False,
            "scanProgressIntervalS": 0,
            "pullerPauseS": 0,
            "maxConflicts": 10,
            "disableSparseFiles": False,
            "disableTempIndexes": False,
            "paused": False,
            "weakHashThresholdPct": 25,
            "markerName": ".stfolder",
            "copyOwnershipFromParent": False,
            "modTimeWindowS": 0,
            "maxConcurrentWrites": 2,
            "disableFsync": False,
            "blockPullOrder": "standard",
            "copyRangeMethod": "standard",
            "caseSensitiveFS": False,
            "junctionsAsDirs": False,
            "syncOwnership": False,
            "sendOwnership": False,
            "syncXattrs": False,
            "sendXattrs": False,
            "xattrFilter": {"entries": [], "maxSingleEntrySize": 1024, "maxTotalSize": 4096},
        },
        "device": _DEVICE_TEMPLATE,
        "ignores": {"lines": []},
    },
}


def empty_config():
    """The fresh config: no folders, only the local device."""
    return copy.deepcopy(_CONFIG)


def device(device_id, **fields):
    """A complete device object from the template."""
    obj = copy.deepcopy(_CONFIG["defaults"]["device"])
    obj.update(deviceID=device_id, **fields)
    return obj


def folder(folder_id, path, device_ids=(), **fields):
    """A complete folder object from the template, shared with the local device and ``device_ids``."""
    obj = copy.deepcopy(_CONFIG["defaults"]["folder"])
    obj.update(id=folder_id, path=path, **fields)
    for device_id in device_ids:
        obj["devices"].append({"deviceID": device_id, "introducedBy": "", "encryptionPassword": ""})
    obj["devices"].sort(key=lambda entry: device_sort_key(entry["deviceID"]))
    return obj


def sample_config():
    """A config with a peer device, an extra device and two folders."""
    config = empty_config()
    config["devices"] = [device(OTHER, name="other"), device(MY_ID, name="vm"), device(PEER, name="peer")]
    config["folders"] = [folder("docs", "/srv/docs", [PEER]), folder("music", "/srv/music", [PEER, OTHER])]
    return config


def module_params(**given):
    """syncthing_config's options as the module passes them (every option at its default), overlaid with ``given``."""
    params = {
        "folders": None,
        "devices": None,
        "remote_ignored_devices": None,
        "options": None,
        "gui": None,
        "ldap": None,
        "defaults": None,
        "purge_folders": False,
        "purge_devices": False,
        "update_password": "always",
    }
    params.update(given)
    return params
