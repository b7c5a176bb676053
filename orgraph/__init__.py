"""orgraph: the organisational structure of public bodies as a graph.

Load a structure, query it, change it only through typed operations, measure it and
draw it::

    import orgraph
    org = orgraph.load("examples/dam_ha/org.yaml")
    after = orgraph.apply(org, orgraph.load_scenario("examples/dam_ha/streamlining.yaml"))
"""

from orgraph._frames import Frames
from orgraph.compare import Comparison, compare
from orgraph.diff import Diff, diff
from orgraph.engine import apply
from orgraph.errors import (
    DependencyError,
    FileAccessError,
    FileError,
    GraphvizNotFoundError,
    InvalidOrgError,
    OperationError,
    OrgraphError,
    RenderError,
    ScenarioError,
    UnknownIdError,
    UnreadableFileError,
    UsageError,
    Violation,
)
from orgraph.history import Effects, Event, LineageEdge, Move
from orgraph.io import dumps, load, save, validate_file
from orgraph.io.frames import from_frames
from orgraph.io.interchange import export, import_
from orgraph.io.scenario import load_scenario, save_scenario
from orgraph.lineage import became, came_from
from orgraph.metrics import Metrics, metrics
from orgraph.model import Appointment, Link, Person, Post, Quota, Unit
from orgraph.ops import (
    AbolishPost,
    Absorb,
    AddLink,
    Appoint,
    ChangeFunding,
    ConcurrentRole,
    CreatePost,
    Dissolve,
    Establish,
    Merge,
    Operation,
    Release,
    RemoveLink,
    Rename,
    Reparent,
    Restore,
    Rotate,
    SetQuota,
    Split,
    SplitPart,
    TransferFunction,
    UnitSpec,
    parse_operation,
)
from orgraph.org import Org
from orgraph.rebasing import combine, rebase
from orgraph.render import (
    ChartWarning,
    chart,
    diff_chart,
    render_bytes,
    to_dot,
    to_mermaid,
    viewer_html,
)
from orgraph.scenario import Scenario

__version__ = "0.1.0"

__all__ = [
    "AbolishPost",
    "Absorb",
    "AddLink",
    "Appoint",
    "Appointment",
    "ChangeFunding",
    "ChartWarning",
    "Comparison",
    "ConcurrentRole",
    "CreatePost",
    "DependencyError",
    "Diff",
    "Dissolve",
    "Effects",
    "Establish",
    "Event",
    "FileAccessError",
    "FileError",
    "Frames",
    "GraphvizNotFoundError",
    "InvalidOrgError",
    "LineageEdge",
    "Link",
    "Merge",
    "Metrics",
    "Move",
    "Operation",
    "OperationError",
    "Org",
    "OrgraphError",
    "Person",
    "Post",
    "Quota",
    "Release",
    "RemoveLink",
    "Rename",
    "RenderError",
    "Reparent",
    "Restore",
    "Rotate",
    "Scenario",
    "ScenarioError",
    "SetQuota",
    "Split",
    "SplitPart",
    "TransferFunction",
    "Unit",
    "UnitSpec",
    "UnknownIdError",
    "UnreadableFileError",
    "UsageError",
    "Violation",
    "__version__",
    "apply",
    "became",
    "came_from",
    "chart",
    "combine",
    "compare",
    "diff",
    "diff_chart",
    "dumps",
    "export",
    "from_frames",
    "import_",
    "load",
    "load_scenario",
    "metrics",
    "parse_operation",
    "rebase",
    "render_bytes",
    "save",
    "save_scenario",
    "to_dot",
    "to_mermaid",
    "validate_file",
    "viewer_html",
]
