"""A lexicon of Chinese official and corporate titles (职务), for the people rule.

Posts are the words a title chain ends in (市政协**副主席**, 招商局**局长**); the organization
comes before them. The lists are of posts, not of organizations or people, so they hold for
any paper.
"""

from __future__ import annotations

import re

POSTS = sorted(
    set(
        """
        总书记 书记 副书记 常务副书记 党组书记 党组副书记 党委书记 党委副书记 纪委书记 党工委书记
        常委 常务委员 委员 党组成员 党委委员 主席 副主席 常务副主席 主任 副主任 常务副主任
        秘书长 副秘书长 部长 副部长 厅长 副厅长 局长 副局长 处长 副处长 科长 副科长 司长 副司长
        省长 副省长 市长 副市长 常务副市长 区长 副区长 县长 副县长 镇长 副镇长 乡长 副乡长 村长
        州长 旗长 主任委员 巡视员 调研员 督察长 总理 副总理 国务委员 首相 总统 副总统 大使 参赞
        领事 总领事 外长 外交部长 发言人 新闻发言人 院长 副院长 检察长 副检察长 庭长 副庭长 审判长
        法官 检察官 所长 副所长 站长 副站长 队长 副队长 大队长 支队长 政委 教导员 指导员 司令员
        校长 副校长 董事长 副董事长 董事 总经理 副总经理 经理 总裁 副总裁 首席执行官 总监 总工程师
        工程师 总会计师 行长 副行长 社长 副社长 总编辑 副总编辑 主编 会长 副会长 理事长 副理事长
        秘书 馆长 园长 团长 副团长 教授 副教授 研究员 副研究员 院士 主任医师 医生 护士长 教练
        主教练 成员 通讯作者 第一作者 负责人 创始人 合伙人 代表 执行董事 干事 专员 网格员 民警 辅警
        警官 法警 教师 退休教师 老师 专家 学者 经济学家 科学家 分析师 律师 会计师 设计师 种植户
        养殖户 种粮大户 大户 主播 店主 老板 志愿者 厨师 司机 快递员 农民 工人 职工 退休职工 学生
        楼组长 组长 班长
        党员 户主 村民 居民 市民 群众 游客 患者 家长 被告人 当事人 网友 选手 运动员 球员
        """.split()
    ),
    key=len,
    reverse=True,
)
"""Posts, longest first so the regex prefers 副主席 to 主席."""

REPORTER_POSTS = ("特约记者", "见习记者", "本报记者", "记者", "通讯员", "实习生", "摄影记者")
"""Roles in bylines, datelines and credits."""

NOT_TITLES = frozenset("村民 居民 市民 群众 游客 患者 家长 被告人 当事人 网友".split())
"""Words that stand before a name like a title but say what someone is, not a post: the
name is found, its title is ``None``."""

COMMON_NOUNS = NOT_TITLES | frozenset(
    "学生 职工 工人 农民 党员 志愿者 成员 代表 选手 运动员 球员 大户 户主 司机".split()
)
"""Posts that are also everyday nouns (学生毕业即就业): a name after them needs a marked end."""
PROFESSIONS = frozenset(
    """教师 退休教师 老师 专家 学者 经济学家 科学家 分析师 律师 会计师 设计师 种植户 养殖户
    种粮大户 大户 主播 店主 老板 志愿者 厨师 司机 快递员 农民 工人 职工 退休职工 学生 教授 副教授
    研究员 副研究员 院士 主任医师 医生 护士长 教练 主教练 工程师 总工程师 通讯作者 第一作者
    创始人 合伙人 网格员 选手 运动员 球员 党员 户主""".split()
)
"""Posts of a trade or a calling, not of an office: their holders are no officials."""

POST_RE = re.compile("|".join(POSTS))
"""Any post."""

OFFICIAL_RE = re.compile(
    "委|政府|政协|人大|法院|检察院|监察|局|厅|部|办|党|团|公安|街道|镇|乡|村|区|县|市|省|州"
    "|国务院|中央"
)
"""Words of public bodies in an organization: who holds a post there is an official."""
OFFICE_POSTS = frozenset(
    """总书记 书记 副书记 常务副书记 党组书记 党委书记 纪委书记 党工委书记 常委 主席 副主席 秘书长
    省长 副省长 市长 副市长 常务副市长 区长 副区长 县长 副县长 镇长 副镇长 乡长 副乡长 州长 旗长
    检察长 副检察长 大使 总领事 总理 副总理 国务委员 首相 总统 副总统 部长 副部长 外长 发言人
    新闻发言人 厅长 局长 副局长 司长""".split()
)
"""Posts that are public offices whatever organization is named with them."""
ORGANIZATION_END_RE = re.compile(
    "(?:[委会局厅部处科室所站队办组团社院校行台馆司厂府盟]|中心|政协|人大|集团|大学|法院|银行)$"
)
"""How the organization part of a title ends (市政协, 招商局, 有限公司 …); 退休 in
退休教师 or 企业 in 企业负责人 names none."""
PRIVATE_RE = re.compile("公司|集团|企业|银行|工厂|厂|合作社|商会|协会|事务所|医院|学校|大学")
"""Organizations that are no public office (a title there is no official's)."""
