# Copyright (c) 2026, syncthing.rest contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The role cluster's membership computation (filters cluster_plan and cluster_keep_shares)."""

from ansible_collections.syncthing.rest.plugins.filter.cluster import FilterModule, cluster_keep_shares, cluster_plan

HOSTS = ["nas", "hub2", "laptop", "phone", "backup"]
IDS = {host: "ID-" + host.upper() for host in HOSTS}
GROUPS = {
    "all": [*HOSTS, "printer"],
    "ungrouped": ["printer"],
    "hubs": ["nas", "hub2"],
    "clients": ["laptop", "phone"],
    "everything": [*HOSTS, "printer"],
}


def nodes(untrusted=(), hosts=tuple(HOSTS)):
    return {
        host: {
            "deviceID": IDS[host],
            "name": host,
            "addresses": [f"tcp://{host}:22000"],
            "untrusted": host in untrusted,
        }
        for host in hosts
    }


def shares(plan):
    return {folder["id"]: sorted(entry["deviceID"] for entry in folder["devices"]) for folder in plan["folders"]}


def ids(*hosts):
    return sorted(IDS[host] for host in hosts)


def test_filters_are_exported():
    assert set(FilterModule().filters()) == {"cluster_plan", "cluster_keep_shares"}


def test_mesh_default_members_are_all_hosts():
    plan = cluster_plan("nas", nodes(), [{"id": "docs", "path": "/d", "ignores": ["*.tmp"]}], GROUPS)
    assert plan["errors"] == []
    assert plan["peers"] == ["hub2", "laptop", "phone", "backup"]
    assert shares(plan) == {"docs": ids("hub2", "laptop", "phone", "backup")}
    assert plan["folders"][0]["path"] == "/d" and "ignores" not in plan["folders"][0]
    assert plan["new_folders"] == [{"id": "docs", "path": "/d", "devices": []}]
    assert plan["ignores"] == [{"id": "docs", "patterns": ["*.tmp"]}]


def test_folders_with_different_members_and_groups():
    folders = [
        {"id": "photos", "path": "/p", "hosts": ["nas", "laptop"]},
        {"id": "docs", "path": "/d", "hosts": ["clients", "hub2"]},
    ]
    laptop = cluster_plan("laptop", nodes(), folders, GROUPS)
    assert laptop["errors"] == []
    assert laptop["peers"] == ["nas", "hub2", "phone"]
    assert shares(laptop) == {"photos": ids("nas"), "docs": ids("hub2", "phone")}
    backup = cluster_plan("backup", nodes(), folders, GROUPS)
    assert backup["peers"] == [] and backup["folders"] == [] and backup["devices"] == []
    nas = cluster_plan("nas", nodes(), folders, GROUPS)
    assert nas["peers"] == ["laptop"] and [f["id"] for f in nas["folders"]] == ["photos"]


def test_hub_topology_spokes_pair_only_with_member_hubs():
    folders = [
        {"id": "docs", "path": "/d", "hosts": ["hubs", "clients"]},
        {"id": "photos", "path": "/p", "hosts": ["nas", "laptop", "backup"]},
    ]
    laptop = cluster_plan("laptop", nodes(), folders, GROUPS, "hub", ["hubs"])
    assert laptop["errors"] == []
    assert laptop["peers"] == ["nas", "hub2"]
    assert shares(laptop) == {"docs": ids("nas", "hub2"), "photos": ids("nas")}
    hub2 = cluster_plan("hub2", nodes(), folders, GROUPS, "hub", ["hubs"])
    assert hub2["peers"] == ["nas", "laptop", "phone"]
    assert shares(hub2) == {"docs": ids("nas", "laptop", "phone")}
    nas = cluster_plan("nas", nodes(), folders, GROUPS, "hub", ["hubs"])
    assert shares(nas) == {"docs": ids("hub2", "laptop", "phone"), "photos": ids("laptop", "backup")}
    backup = cluster_plan("backup", nodes(), folders, GROUPS, "hub", "nas")
    assert backup["peers"] == ["nas"]


def test_pairing_symmetric_in_both_topologies():
    folders = [
        {"id": "a", "path": "/a", "hosts": ["nas", "laptop", "phone"]},
        {"id": "b", "path": "/b", "hosts": ["hub2", "phone", "backup"]},
    ]
    for topology in ("mesh", "hub"):
        plans = {h: cluster_plan(h, nodes(), folders, GROUPS, topology, ["hubs"]) for h in HOSTS}
        for host, plan in plans.items():
            assert plan["errors"] == []
            for peer in plan["peers"]:
                assert host in plans[peer]["peers"], (topology, host, peer)
            for folder in plan["folders"]:
                for entry in folder["devices"]:
                    peer = next(h for h in HOSTS if IDS[h] == entry["deviceID"])
                    assert IDS[host] in shares(plans[peer])[folder["id"]]


def test_no_folders_pairs_everyone_or_with_hubs():
    assert cluster_plan("laptop", nodes(), [], GROUPS)["peers"] == ["nas", "hub2", "phone", "backup"]
    assert cluster_plan("laptop", nodes(), [], GROUPS, "hub", ["hubs"])["peers"] == ["nas", "hub2"]
    assert cluster_plan("nas", nodes(), [], GROUPS, "hub", ["hubs"])["peers"] == ["hub2", "laptop", "phone", "backup"]


def test_untrusted_member_is_receiveencrypted_and_shared_with_password():
    folders = [
        {"id": "docs", "path": "/d", "type": "sendreceive", "encryption_password": "s3cret", "ignores": ["*.tmp"]}
    ]
    backup = cluster_plan("backup", nodes(untrusted=["backup"]), folders, GROUPS)
    assert backup["errors"] == [] and backup["untrusted"] is True
    assert backup["folders"][0]["type"] == "receiveencrypted"
    assert "encryption_password" not in backup["folders"][0]
    assert all(entry["encryptionPassword"] == "" for entry in backup["folders"][0]["devices"])
    assert all(device["untrusted"] is False for device in backup["devices"])
    assert backup["ignores"] == [] and backup["wait"] == [{"id": "docs", "devices": []}]
    nas = cluster_plan("nas", nodes(untrusted=["backup"]), folders, GROUPS)
    entries = {entry["deviceID"]: entry["encryptionPassword"] for entry in nas["folders"][0]["devices"]}
    assert entries[IDS["backup"]] == "s3cret" and entries[IDS["laptop"]] == ""
    assert [d["untrusted"] for d in nas["devices"] if d["deviceID"] == IDS["backup"]] == [True]
    assert nas["folders"][0]["type"] == "sendreceive"
    assert nas["wait"][0]["devices"] == ids("hub2", "laptop", "phone", "backup") or sorted(
        nas["wait"][0]["devices"]
    ) == ids("hub2", "laptop", "phone", "backup")


def test_untrusted_member_without_password_is_refused_everywhere():
    folders = [{"id": "docs", "path": "/d", "hosts": ["nas", "backup"]}, {"id": "x", "path": "/x", "hosts": ["nas"]}]
    for host in HOSTS:
        plan = cluster_plan(host, nodes(untrusted=["backup"]), folders, GROUPS)
        assert plan["errors"] == [
            "cluster_folders[docs]: backup is untrusted (cluster_untrusted), so the folder needs an encryption_password"
        ]
        assert plan["folders"] == [] and plan["devices"] == []


def test_unknown_names_and_hosts_outside_the_cluster_are_refused():
    folders = [
        {"id": "a", "path": "/a", "hosts": ["nas", "nope"]},
        {"id": "b", "path": "/b", "hosts": ["printer"]},
        {"id": "c", "path": "/c", "hosts": ["everything"]},
        {"id": "d", "path": "/d", "hosts": []},
    ]
    errors = cluster_plan("nas", nodes(), folders, GROUPS)["errors"]
    assert any("nope is neither an inventory host nor a group" in e for e in errors)
    assert any("host printer is not in cluster_hosts" in e for e in errors)
    assert any("group everything includes printer" in e for e in errors)
    assert any("cluster_folders[d].hosts names no host" in e for e in errors)
    assert len(errors) == 4


def test_exclusive_refuses_when_a_host_of_the_play_failed():
    """A host that failed before its device ID was read is not in the cluster: exclusive would unpair it."""
    folders = [{"id": "docs", "path": "/d"}]  # default membership: the failed host is named nowhere
    cluster = nodes(hosts=("nas", "laptop"))
    for host in ("nas", "laptop"):
        plan = cluster_plan(host, cluster, folders, GROUPS, exclusive=True, failed_hosts=["phone"])
        assert plan["errors"] == [
            "cluster_exclusive: phone failed before its device ID was read, so its peers would unpair it; bring it "
            "back, or leave it out of the play (for example with --limit) to remove it on purpose"
        ]
        assert plan["devices"] == [] and plan["folders"] == []
    errors = cluster_plan("nas", cluster, folders, GROUPS, exclusive=True, failed_hosts=["phone", "backup"])["errors"]
    assert errors == [
        "cluster_exclusive: backup, phone failed before their device IDs were read, so their peers would unpair "
        "them; bring them back, or leave them out of the play (for example with --limit) to remove them on purpose"
    ]


def test_without_exclusive_a_failed_host_is_no_refusal():
    """Without cluster_exclusive nothing outside the cluster is removed (cluster_keep_shares keeps its shares)."""
    folders = [{"id": "docs", "path": "/d"}]
    plan = cluster_plan("nas", nodes(hosts=("nas", "laptop")), folders, GROUPS, failed_hosts=["phone"])
    assert plan["errors"] == [] and plan["peers"] == ["laptop"]
    plan = cluster_plan("nas", nodes(hosts=("nas", "laptop")), folders, GROUPS, exclusive=False, failed_hosts=["phone"])
    assert plan["errors"] == [] and plan["peers"] == ["laptop"]
    # and with exclusive, a play where no host failed is no refusal either
    assert cluster_plan("nas", nodes(), folders, GROUPS, exclusive=True, failed_hosts=[])["errors"] == []


def test_hub_topology_refusals():
    folders = [{"id": "a", "path": "/a", "hosts": ["laptop", "phone"]}]
    errors = cluster_plan("laptop", nodes(), folders, GROUPS, "hub", ["hubs"])["errors"]
    assert errors == [
        "cluster_folders[a]: no hub (cluster_hubs) is a member, so with cluster_topology hub its "
        "members would reach no one"
    ]
    assert cluster_plan("laptop", nodes(), folders, GROUPS, "hub", [])["errors"] == [
        "cluster_topology hub needs cluster_hubs (hosts or groups)"
    ]
    assert (
        "cluster_hubs: ghost is neither"
        in cluster_plan("laptop", nodes(), folders, GROUPS, "hub", ["ghost"])["errors"][0]
    )
    assert cluster_plan("laptop", nodes(), folders, GROUPS, "star")["errors"] == [
        "cluster_topology must be mesh or hub, not 'star'"
    ]
    # hubs are ignored in mesh
    assert cluster_plan("laptop", nodes(), folders, GROUPS, "mesh", ["ghost"])["errors"] == []


def test_folder_shape_refusals():
    folders = [
        {"path": "/x"},
        "docs",
        {"id": "a", "path": "/a", "devices": ["X"]},
        {"id": "b", "path": "/b", "type": "receiveencrypted"},
        {"id": "b", "path": "/b2"},
        {"id": "c", "path": "/c", "ignores": "*.tmp"},
        {"id": "e", "path": "/e", "hosts": [1]},
    ]
    errors = cluster_plan("nas", nodes(), folders, GROUPS)["errors"]
    text = "\n".join(errors)
    for part in (
        "cluster_folders[0] has no id",
        "cluster_folders[1] must be a dict",
        "devices is computed by the role",
        "type receiveencrypted is set by the role",
        "the id b is given twice",
        "ignores must be a list",
        "cluster_folders[e].hosts must be a list",
    ):
        assert part in text
    assert cluster_plan("nas", nodes(), {"id": "a"}, GROUPS)["errors"] == ["cluster_folders must be a list"]
    assert cluster_plan("ghost", nodes(), [], GROUPS)["errors"] == ["ghost is not in cluster_hosts"]


def test_overrides_apply_on_one_host_only():
    folders = [{"id": "docs", "path": "/d", "type": "sendreceive", "ignores": ["a"]}]
    overrides = {"docs": {"type": "receiveonly", "path": "/backup/d", "ignores": ["b"]}}
    laptop = cluster_plan("laptop", nodes(), folders, GROUPS, overrides=overrides)
    assert laptop["errors"] == []
    assert laptop["folders"][0]["type"] == "receiveonly" and laptop["folders"][0]["path"] == "/backup/d"
    assert laptop["ignores"] == [{"id": "docs", "patterns": ["b"]}]
    nas = cluster_plan("nas", nodes(), folders, GROUPS)
    assert nas["folders"][0]["type"] == "sendreceive" and nas["folders"][0]["path"] == "/d"
    assert folders[0]["type"] == "sendreceive"  # the input is not changed
    # an override for a folder the host is no member of is unused
    only_nas = [{"id": "docs", "path": "/d", "hosts": ["nas", "hub2"]}]
    assert cluster_plan("laptop", nodes(), only_nas, GROUPS, overrides=overrides)["folders"] == []


def test_override_refusals():
    folders = [{"id": "docs", "path": "/d", "encryption_password": "pw"}]
    cases = [
        ({"nope": {"path": "/x"}}, "no folder of cluster_folders has this id"),
        ({"docs": "receiveonly"}, "must be a dict of folder fields"),
        ({"docs": {"hosts": ["nas"], "devices": []}}, "devices, hosts cannot be overridden per host"),
        ({"docs": {"type": "receiveencrypted"}}, "type receiveencrypted is for untrusted hosts"),
        (["docs"], "must be a dict {folder id"),
    ]
    for overrides, message in cases:
        errors = cluster_plan("laptop", nodes(), folders, GROUPS, overrides=overrides)["errors"]
        assert len(errors) == 1 and message in errors[0], (overrides, errors)
    errors = cluster_plan(
        "backup", nodes(untrusted=["backup"]), folders, GROUPS, overrides={"docs": {"type": "sendonly"}}
    )["errors"]
    assert errors and "not possible on an untrusted host" in errors[0]
    ok = cluster_plan(
        "backup",
        nodes(untrusted=["backup"]),
        folders,
        GROUPS,
        overrides={"docs": {"type": "receiveencrypted", "path": "/enc"}},
    )
    assert ok["errors"] == [] and ok["folders"][0]["path"] == "/enc"


def test_two_untrusted_members_share_plainly_with_each_other():
    folders = [{"id": "docs", "path": "/d", "hosts": ["nas", "phone", "backup"], "encryption_password": "pw"}]
    phone = cluster_plan("phone", nodes(untrusted=["phone", "backup"]), folders, GROUPS)
    assert phone["errors"] == []
    assert all(entry["encryptionPassword"] == "" for entry in phone["folders"][0]["devices"])
    nas = cluster_plan("nas", nodes(untrusted=["phone", "backup"]), folders, GROUPS)
    assert sorted(entry["encryptionPassword"] for entry in nas["folders"][0]["devices"]) == ["pw", "pw"]


def test_keep_shares_keeps_only_devices_outside_the_cluster():
    folders = [
        {"id": "docs", "devices": [{"deviceID": IDS["laptop"], "encryptionPassword": ""}]},
        {"id": "new", "devices": []},
    ]
    before = {
        "docs": {
            "devices": [
                {"deviceID": IDS["nas"]},
                {"deviceID": IDS["phone"]},
                {"deviceID": "OTHER"},
                {"deviceID": IDS["laptop"], "encryptionPassword": ""},
            ]
        }
    }
    out = cluster_keep_shares(folders, before, list(IDS.values()))
    assert out[0]["devices"] == [{"deviceID": IDS["laptop"], "encryptionPassword": ""}, {"deviceID": "OTHER"}]
    assert out[1] is folders[1]
    assert folders[0]["devices"] == [{"deviceID": IDS["laptop"], "encryptionPassword": ""}]
    assert cluster_keep_shares(folders, {}, []) == folders
