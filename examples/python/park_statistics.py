"""Print a park's statistics, each with the quote that states it.

    python park_statistics.py parks/PARK_ID [--addr localhost:50051]

Needs the generated client on PYTHONPATH (see README.md).
"""

import argparse
import sys

import grpc

from parkgraph.v1 import (
    park_service_pb2,
    park_service_pb2_grpc,
    resources_pb2,
    statistic_service_pb2,
    statistic_service_pb2_grpc,
)

COMPARATORS = {
    resources_pb2.COMPARATOR_GT: "> ",
    resources_pb2.COMPARATOR_LT: "< ",
    resources_pb2.COMPARATOR_APPROX: "~ ",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("park", help="resource name, parks/{id} (or just the id)")
    parser.add_argument("--addr", default="localhost:50051", help="server address (default: %(default)s)")
    args = parser.parse_args()
    name = args.park if args.park.startswith("parks/") else f"parks/{args.park}"

    with grpc.insecure_channel(args.addr) as channel:
        parks = park_service_pb2_grpc.ParkServiceStub(channel)
        statistics = statistic_service_pb2_grpc.StatisticServiceStub(channel)
        try:
            park = parks.GetPark(park_service_pb2.GetParkRequest(name=name), timeout=10)
            print(f"{park.name_en or park.name_zh} ({park.city or park.region})")
            request = statistic_service_pb2.ListStatisticsRequest(
                filter=f'subject_kind = PARK AND subject = "{park.id}"', page_size=100
            )
            while True:
                reply = statistics.ListStatistics(request, timeout=10)
                for s in reply.statistics:
                    metric = resources_pb2.Metric.Name(s.metric).removeprefix("METRIC_")
                    unit = "" if s.unit == resources_pb2.UNIT_UNSPECIFIED else " " + resources_pb2.Unit.Name(s.unit)[5:]
                    period = ""
                    if s.HasField("period") and s.period.start_year:
                        period = f" [{s.period.start_year}" + (
                            f"-{s.period.end_year}]" if s.period.end_year != s.period.start_year else "]"
                        )
                    label = f"  ({s.label})" if s.label else ""
                    print(f"- {metric}: {COMPARATORS.get(s.comparator, '')}{s.value.value}{unit}{period}{label}")
                    print(f'    "{s.evidence.quote}"')
                if not reply.next_page_token:
                    break
                request.page_token = reply.next_page_token
        except grpc.RpcError as err:
            print(f"error: {err.code().name}: {err.details()}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
