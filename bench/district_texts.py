"""Word pools for the synthetic district: places, people and what they say.

Plain data, no logic. Texts are per category where it matters (what a noise
complaint says differs from a leak), so the stored events have realistic sizes.
"""

from __future__ import annotations

from domain.vocabulary import Category, Channel

COMMUNITIES = ("双塔社区", "金桥社区", "和平里社区", "东湖社区", "滨江社区")
GRIDS_PER_COMMUNITY = 10
BUILDINGS_PER_GRID = (6, 12)  # a grid covers between 6 and 12 buildings

CATEGORY_WEIGHTS: dict[Category, float] = {
    Category.NOISE: 35, Category.COOKING_FUMES: 15, Category.WATER_LEAK: 15,
    Category.PARKING: 12, Category.PETS: 8, Category.EBIKE_CHARGING: 8, Category.OTHER: 7,
}
CHANNEL_WEIGHTS: dict[Channel, float] = {
    Channel.HOTLINE: 45, Channel.GRID_WORKER: 20, Channel.WALK_IN: 15, Channel.ONLINE: 12,
    Channel.BUILDING_HEAD: 8,
}
# Share of cases whose respondent is a business, by category.
BUSINESS_SHARE: dict[Category, float] = {
    Category.NOISE: 0.2, Category.COOKING_FUMES: 0.75, Category.WATER_LEAK: 0.05,
    Category.PARKING: 0.15, Category.PETS: 0.05, Category.EBIKE_CHARGING: 0.1, Category.OTHER: 0.2,
}

SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱",
            "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于",
            "董", "萧")
TITLES = ("女士", "先生", "阿姨", "大爷", "老师", "师傅")
GIVEN = ("红梅", "建国", "丽华", "志强", "秀英", "海燕", "国庆", "晓东", "静", "敏", "伟", "芳",
         "磊", "洋", "婷", "军", "霞", "平", "勇", "娟")
BUSINESSES = {
    Category.NOISE: ("夜色KTV", "鑫鑫装修公司", "蓝调酒吧", "快乐健身房", "利民超市"),
    Category.COOKING_FUMES: ("老王饭店", "川味小馆", "张记烧烤", "兰州牛肉面", "好再来快餐",
                             "湘味轩"),
    Category.WATER_LEAK: ("安居物业", "宏达装饰"),
    Category.PARKING: ("顺达汽修", "便民洗车行", "宏运物流"),
    Category.PETS: ("萌宠之家宠物店",),
    Category.EBIKE_CHARGING: ("飞速电动车行", "小区快递驿站"),
    Category.OTHER: ("利民超市", "安居物业", "便民菜店"),
}

SUMMARIES = {
    Category.NOISE: ("楼上住户夜间拖动家具、跳绳，影响休息，多次沟通无果",
                     "楼下商户夜间营业音响声音过大，严重影响周边居民休息",
                     "邻居家中装修周末早上七点开始施工，电钻声扰民",
                     "隔壁住户深夜打麻将、大声喧哗，老人无法入睡",
                     "小区广场舞音响音量过大，持续到晚上十点以后"),
    Category.COOKING_FUMES: ("楼下餐馆油烟直排，住户窗户无法打开，衣物有油烟味",
                             "烧烤摊夜间占道经营，烟气熏入楼内",
                             "饭店排烟管道紧贴居民窗户，油烟和噪音双重影响"),
    Category.WATER_LEAK: ("楼上卫生间渗水，导致楼下天花板发霉脱落",
                          "楼上厨房水管破裂，楼下吊顶和木地板被泡坏",
                          "外墙渗水至室内，与楼上住户就维修责任产生争议"),
    Category.PARKING: ("私家车长期占用消防通道和他人车位",
                       "商户车辆长期停放在单元门口，影响老人和儿童出行",
                       "车位被地锁占用，双方就车位使用权发生争执"),
    Category.PETS: ("邻居饲养大型犬未拴绳，在电梯内吓到儿童",
                    "楼道内宠物粪便无人清理，气味难闻",
                    "邻居家犬只夜间持续吠叫，影响休息"),
    Category.EBIKE_CHARGING: ("住户从楼上飞线给电动车充电，存在火灾隐患",
                              "电动车停放在楼道内充电，堵塞疏散通道",
                              "快递驿站门前大量电动车集中充电，线路私拉乱接"),
    Category.OTHER: ("邻居在公共楼道堆放杂物，长期不清理",
                     "楼上住户高空抛物，砸坏楼下晾晒的衣物",
                     "相邻住户因公共绿地种菜问题发生争执"),
}
STATEMENTS = {
    "complainant": ("已经多次上门沟通，对方态度敷衍，问题一直没有解决，家里老人孩子受影响很大",
                    "情况持续了将近两个月，已拍照录像留存证据，希望社区出面协调",
                    "之前找过物业，物业说管不了，只能向社区反映"),
    "respondent": ("我们已经注意控制了，对方反映的情况有所夸大，愿意在合理范围内配合",
                   "不清楚对方受到这么大影响，之前没有人当面提出过",
                   "经营需要，已经投入不少资金整改，希望给予一定时间"),
}
DEMANDS = {
    "complainant": ("要求对方立即停止扰民行为，并书面保证不再发生",
                    "要求对方承担维修费用并赔偿损失",
                    "要求相关部门现场检查并依法处理"),
    "respondent": ("希望对方不要再频繁投诉，给予整改时间",
                   "维修费用希望双方按比例分担"),
}
PROPOSALS = {
    Category.NOISE: ("晚上十点后停止一切产生噪音的活动，家具加装防滑脚垫",
                     "营业音响音量控制在55分贝以下，22:00后关闭户外音响",
                     "装修施工时间限定为工作日8:00-12:00、14:00-18:00"),
    Category.COOKING_FUMES: ("一个月内安装合格油烟净化设备并将排烟口改至楼顶",
                             "停止占道烧烤，油烟经净化后达标排放"),
    Category.WATER_LEAK: ("楼上住户负责修复防水层，楼下吊顶维修费用由楼上承担70%",
                          "由物业组织闭水试验，确认责任后按比例分担维修费用"),
    Category.PARKING: ("立即挪走占道车辆，今后按物业划定车位停放",
                       "拆除私设地锁，车位按产权证明使用"),
    Category.PETS: ("出门遛狗必须拴绳，进电梯时抱起或使用嘴套，及时清理粪便",
                    "夜间将犬只留在室内，必要时使用止吠措施"),
    Category.EBIKE_CHARGING: ("拆除飞线，统一到小区集中充电桩充电",
                              "楼道内电动车三日内清理，今后停放在非机动车棚"),
    Category.OTHER: ("三日内清理楼道杂物，保持通道畅通",
                     "公共绿地恢复原状，今后不再私自占用"),
}
REJECTIONS = ("费用分担比例不能接受", "整改期限太短，无法完成", "方案没有解决根本问题",
              "要求对方先道歉")
DEPARTMENTS = {
    Category.NOISE: ("police_station", "urban_management", "ecology_environment"),
    Category.COOKING_FUMES: ("ecology_environment", "market_regulation", "urban_management"),
    Category.WATER_LEAK: ("property_management", "housing"),
    Category.PARKING: ("property_management", "urban_management", "police_station"),
    Category.PETS: ("police_station", "community_committee"),
    Category.EBIKE_CHARGING: ("fire_rescue", "property_management"),
    Category.OTHER: ("subdistrict_office", "community_committee", "property_management"),
}
QUESTIONS = ("请协助核实现场情况并依法依规处理", "请出具检测意见，作为调解依据",
             "请协助确认责任归属", "请派员参加联合调解")
RESPONSES = ("已派员到现场核查，情况属实，已责令限期整改",
             "经检测未超标，建议双方协商解决",
             "已约谈当事人，对方承诺整改，我单位将跟踪复查",
             "属于物业管理范围，已督促物业公司落实")
ESCALATIONS = ("网格内多次调解未果，提交社区联合调解",
               "涉及多个部门职责，需社区协调",
               "矛盾有激化风险，提请街道综治中心调处")
FINDINGS_FAILED = {
    Category.NOISE: ("现场测量夜间噪声约62分贝，超过标准", "音响设备放置于门口，夜间仍在营业"),
    Category.COOKING_FUMES: ("油烟净化设备未开启，排烟口正对居民窗户", "净化设备油污严重，未按期清洗"),
    Category.WATER_LEAK: ("卫生间防水层破损，存在渗漏点", "楼上厨房水管接口滴漏"),
    Category.PARKING: ("私家车仍停放在消防通道内", "私设地锁两处未拆除"),
    Category.PETS: ("犬只未拴绳在小区内活动", "楼道内仍有宠物粪便"),
    Category.EBIKE_CHARGING: ("楼道内停放电动车三辆，存在私拉电线充电", "飞线充电线路仍未拆除"),
    Category.OTHER: ("楼道杂物未清理，堵塞通道", "公共绿地仍被占用种菜"),
}
FINDINGS_PASSED = ("现场未发现明显问题", "已整改到位，符合要求", "车辆已挪走，通道畅通")
INSPECTORS = ("城管执法队员", "环保监测员", "网格员", "社区民警", "物业安全员")
DUTIES = {
    Category.NOISE: ("22:00后关闭音响设备", "家具加装防滑脚垫，夜间不再跳绳"),
    Category.COOKING_FUMES: ("安装油烟净化设备并保持正常运行", "排烟口改至楼顶，每季度清洗一次"),
    Category.WATER_LEAK: ("更换卫生间防水层并承担楼下吊顶维修费用", "赔偿维修费用人民币2000元"),
    Category.PARKING: ("拆除私设地锁", "车辆停放在物业划定车位"),
    Category.PETS: ("遛狗拴绳并及时清理粪便", "为犬只办理登记并接种疫苗"),
    Category.EBIKE_CHARGING: ("拆除飞线并到集中充电点充电", "电动车停放在非机动车棚"),
    Category.OTHER: ("清理楼道堆放物品", "恢复公共绿地原状"),
}
AGREEMENTS = ("双方同意按调解方案执行，签订调解协议书", "双方达成口头协议，社区见证",
              "双方就整改措施和费用分担达成一致")
FAILURES = ("双方分歧较大，经多次调解未能达成一致，告知当事人可通过诉讼途径解决",
            "被投诉方拒不配合调解", "投诉人要求过高，对方无法接受")
FOLLOW_UPS = ("电话回访，投诉人表示问题已解决", "上门回访，现场情况良好",
              "回访时投诉人表示基本满意，仍需观察", "多次电话无人接听")
REOPENINGS = ("回访发现问题反弹，投诉人再次反映", "对方未按协议履行，投诉人要求重新调解")
NOTES = ("已电话联系投诉人，约定周四上门", "被投诉人出差，下周再约", "已向社区书记汇报",
         "当事人情绪激动，注意疏导", "调取监控录像作为证据", "已拍照留存现场情况")
