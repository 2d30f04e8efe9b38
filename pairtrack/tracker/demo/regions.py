"""The regions and pairings of the demo: 廊坊 → 张家口 and 济南's partners (DESIGN §1).

开发区→康保 is published; the pairing of 三河、大厂、香河、固安 with 阳原、沽源、张北、尚义 in
that order is illustrative (the report names the five counties, not who pairs with whom).
"""

from __future__ import annotations

# name, province, city, level, GB/T 2260 code
REGIONS = (
    ("廊坊市", "河北省", "廊坊市", "city", "131000"),
    ("廊坊开发区", "河北省", "廊坊市", "zone", None),
    ("三河市", "河北省", "廊坊市", "county", "131082"),
    ("大厂回族自治县", "河北省", "廊坊市", "county", "131028"),
    ("香河县", "河北省", "廊坊市", "county", "131024"),
    ("固安县", "河北省", "廊坊市", "county", "131022"),
    ("张家口市", "河北省", "张家口市", "city", "130700"),
    ("康保县", "河北省", "张家口市", "county", "130723"),
    ("阳原县", "河北省", "张家口市", "county", "130727"),
    ("沽源县", "河北省", "张家口市", "county", "130724"),
    ("张北县", "河北省", "张家口市", "county", "130722"),
    ("尚义县", "河北省", "张家口市", "county", "130725"),
    ("济南市", "山东省", "济南市", "city", "370100"),
    ("湘西州", "湖南省", "湘西州", "city", "433100"),
    ("武隆区", "重庆市", "重庆市", "district", "500156"),
    ("临沂市", "山东省", "临沂市", "city", "371300"),
)

# key, helper, assisted, programme, lead unit
PAIRINGS = (
    ("kangbao", "廊坊开发区", "康保县", "in_province", "廊坊开发区管委会"),
    ("yangyuan", "三河市", "阳原县", "in_province", "三河市扶贫开发办公室"),
    ("guyuan", "大厂回族自治县", "沽源县", "in_province", "大厂县扶贫开发办公室"),
    ("zhangbei", "香河县", "张北县", "in_province", "香河县扶贫开发办公室"),
    ("shangyi", "固安县", "尚义县", "in_province", "固安县扶贫开发办公室"),
    ("xiangxi", "济南市", "湘西州", "east_west", "济南市扶贫协作办公室"),
    ("wulong", "济南市", "武隆区", "east_west", "济南市扶贫协作办公室"),
    ("linyi", "济南市", "临沂市", "in_province", "济南市扶贫协作办公室"),
)
LANGFANG = ("kangbao", "yangyuan", "guyuan", "zhangbei", "shangyi")
JINAN = ("xiangxi", "wulong", "linyi")
